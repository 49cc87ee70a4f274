{#- Activity intensities of model 5.16: the landing dir's local override when it has one, else the bundled seed. -#}
with local_rows as (
    select
        cast(sector_code as {{ dbt.type_string() }}) as sector_code,
        cast(activity_type as {{ dbt.type_string() }}) as activity_type,
        cast(fuel_code as {{ dbt.type_string() }}) as fuel_code,
        cast(intensity as double precision) as intensity,
        cast(unit as {{ dbt.type_string() }}) as unit,
        cast(valid_from as date) as valid_from,
        cast(source as {{ dbt.type_string() }}) as source,
        'local' as factor_origin
    from {{ source('raw', 'local_activity_intensities') }}
),

bundled as (
    select
        cast(sector_code as {{ dbt.type_string() }}) as sector_code,
        cast(activity_type as {{ dbt.type_string() }}) as activity_type,
        cast(fuel_code as {{ dbt.type_string() }}) as fuel_code,
        cast(intensity as double precision) as intensity,
        cast(unit as {{ dbt.type_string() }}) as unit,
        cast(valid_from as date) as valid_from,
        cast(source as {{ dbt.type_string() }}) as source,
        'bundled' as factor_origin
    from {{ ref('activity_intensities') }}
),

final as (
    select * from local_rows
    union all
    select * from bundled
    where not exists (select 1 from local_rows)
)

select * from final

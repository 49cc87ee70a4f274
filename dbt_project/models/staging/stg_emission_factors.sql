{#- Standard-coal CO2 factors e(f): the landing dir's local override when it has one, else the bundled seed. -#}
with local_rows as (
    select
        cast(fuel_code as {{ dbt.type_string() }}) as fuel_code,
        cast(co2_per_tce as double precision) as co2_per_tce,
        cast(valid_from as date) as valid_from,
        cast(source as {{ dbt.type_string() }}) as source,
        'local' as factor_origin
    from {{ source('raw', 'local_emission_factors') }}
),

bundled as (
    select
        cast(fuel_code as {{ dbt.type_string() }}) as fuel_code,
        cast(co2_per_tce as double precision) as co2_per_tce,
        cast(valid_from as date) as valid_from,
        cast(source as {{ dbt.type_string() }}) as source,
        'bundled' as factor_origin
    from {{ ref('emission_factors') }}
),

final as (
    select * from local_rows
    union all
    select * from bundled
    where not exists (select 1 from local_rows)
)

select * from final

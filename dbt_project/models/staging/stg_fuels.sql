{#- Standard-coal coefficients c(f): the landing dir's local override when it has one, else the bundled seed. -#}
with local_rows as (
    select
        cast(fuel_code as {{ dbt.type_string() }}) as fuel_code,
        cast(fuel_name_zh as {{ dbt.type_string() }}) as fuel_name_zh,
        cast(fuel_name_en as {{ dbt.type_string() }}) as fuel_name_en,
        cast(category as {{ dbt.type_string() }}) as category,
        cast(physical_unit as {{ dbt.type_string() }}) as physical_unit,
        cast(std_coal_coeff as double precision) as std_coal_coeff,
        cast(valid_from as date) as valid_from,
        cast(source as {{ dbt.type_string() }}) as source,
        'local' as factor_origin
    from {{ source('raw', 'local_fuels') }}
),

bundled as (
    select
        cast(fuel_code as {{ dbt.type_string() }}) as fuel_code,
        cast(fuel_name_zh as {{ dbt.type_string() }}) as fuel_name_zh,
        cast(fuel_name_en as {{ dbt.type_string() }}) as fuel_name_en,
        cast(category as {{ dbt.type_string() }}) as category,
        cast(physical_unit as {{ dbt.type_string() }}) as physical_unit,
        cast(std_coal_coeff as double precision) as std_coal_coeff,
        cast(valid_from as date) as valid_from,
        cast(source as {{ dbt.type_string() }}) as source,
        'bundled' as factor_origin
    from {{ ref('fuels') }}
),

final as (
    select * from local_rows
    union all
    select * from bundled
    where not exists (select 1 from local_rows)
)

select * from final

{#- Above-scale industrial energy by industry, fuel and table (signed as reported). -#}
with source as (
    select * from {{ source('raw', 'industry_energy') }}
),

renamed as (
    select
        cast(region_code as {{ dbt.type_string() }}) as region_code,
        cast(period_type as {{ dbt.type_string() }}) as period_type,
        cast(period_start as date) as period_start,
        cast(industry_code as {{ dbt.type_string() }}) as industry_code,
        cast(fuel_code as {{ dbt.type_string() }}) as fuel_code,
        cast(table_code as {{ dbt.type_string() }}) as table_code,
        cast(quantity as double precision) as quantity
    from source
)

select * from renamed

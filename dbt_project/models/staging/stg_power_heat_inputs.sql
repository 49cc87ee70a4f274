{#- Fuel burned for power and heat production by period (models 5.3, 5.12, 5.13). -#}
with source as (
    select * from {{ source('raw', 'power_heat_inputs') }}
),

renamed as (
    select
        cast(region_code as {{ dbt.type_string() }}) as region_code,
        cast(period_type as {{ dbt.type_string() }}) as period_type,
        cast(period_start as date) as period_start,
        cast(fuel_code as {{ dbt.type_string() }}) as fuel_code,
        cast(use as {{ dbt.type_string() }}) as use,
        cast(quantity as double precision) as quantity
    from source
)

select * from renamed

{#- Provincial energy balance rows (fuel by flow, year), typed; period_start is 1 January of the year. -#}
with source as (
    select * from {{ source('raw', 'energy_balance') }}
),

renamed as (
    select
        cast(region_code as {{ dbt.type_string() }}) as region_code,
        cast(year as integer) as year,
        cast(fuel_code as {{ dbt.type_string() }}) as fuel_code,
        cast(flow_code as {{ dbt.type_string() }}) as flow_code,
        cast(quantity as double precision) as quantity,
        {{ year_start('year') }} as period_start
    from source
)

select * from renamed

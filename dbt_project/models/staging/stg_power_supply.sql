{#- Grid company generation, supply, imported electricity and heat supply by period. -#}
with source as (
    select * from {{ source('raw', 'power_supply') }}
),

renamed as (
    select
        cast(region_code as {{ dbt.type_string() }}) as region_code,
        cast(period_type as {{ dbt.type_string() }}) as period_type,
        cast(period_start as date) as period_start,
        cast(generation_mwh as double precision) as generation_mwh,
        cast(supply_mwh as double precision) as supply_mwh,
        cast(imported_mwh as double precision) as imported_mwh,
        cast(heat_supply_gj as double precision) as heat_supply_gj
    from source
)

select * from renamed

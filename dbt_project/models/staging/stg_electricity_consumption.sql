{#- Grid company electricity consumption by sector and industry; an empty industry code is NULL. -#}
with source as (
    select * from {{ source('raw', 'electricity_consumption') }}
),

renamed as (
    select
        cast(region_code as {{ dbt.type_string() }}) as region_code,
        cast(period_type as {{ dbt.type_string() }}) as period_type,
        cast(period_start as date) as period_start,
        cast(sector_code as {{ dbt.type_string() }}) as sector_code,
        cast(industry_code as {{ dbt.type_string() }}) as industry_code,
        cast(mwh as double precision) as mwh
    from source
)

select * from renamed

{#- GDP (10^4 yuan) and population for intensities; period_start is 1 January of the year. -#}
with source as (
    select * from {{ source('raw', 'economy') }}
),

renamed as (
    select
        cast(region_code as {{ dbt.type_string() }}) as region_code,
        cast(year as integer) as year,
        cast(gdp_10k_yuan as double precision) as gdp_10k_yuan,
        cast(population as double precision) as population,
        {{ year_start('year') }} as period_start
    from source
)

select * from renamed

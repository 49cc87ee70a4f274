{#- City/county activity data for model 5.16; period_start is 1 January of the year. -#}
with source as (
    select * from {{ source('raw', 'other_activity') }}
),

renamed as (
    select
        cast(region_code as {{ dbt.type_string() }}) as region_code,
        cast(year as integer) as year,
        cast(sector_code as {{ dbt.type_string() }}) as sector_code,
        cast(activity_type as {{ dbt.type_string() }}) as activity_type,
        cast(value as double precision) as value,
        {{ year_start('year') }} as period_start
    from source
)

select * from renamed

{#- Industrial value added, total and above-scale (10^4 yuan), for the expansion value k(i). -#}
with source as (
    select * from {{ source('raw', 'industry_value_added') }}
),

renamed as (
    select
        cast(region_code as {{ dbt.type_string() }}) as region_code,
        cast(period_type as {{ dbt.type_string() }}) as period_type,
        cast(period_start as date) as period_start,
        cast(industry_code as {{ dbt.type_string() }}) as industry_code,
        cast(value_added_total as double precision) as value_added_total,
        cast(value_added_above_scale as double precision) as value_added_above_scale
    from source
)

select * from renamed

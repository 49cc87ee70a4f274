{#- GB/T 4754-2017 divisions 06-46: the landing dir's local override when it has one, else the bundled seed. -#}
with local_rows as (
    select
        cast(industry_code as {{ dbt.type_string() }}) as industry_code,
        cast(industry_name_zh as {{ dbt.type_string() }}) as industry_name_zh,
        cast(industry_name_en as {{ dbt.type_string() }}) as industry_name_en,
        cast(sector as {{ dbt.type_string() }}) as sector
    from {{ source('raw', 'local_industries') }}
),

bundled as (
    select
        cast(industry_code as {{ dbt.type_string() }}) as industry_code,
        cast(industry_name_zh as {{ dbt.type_string() }}) as industry_name_zh,
        cast(industry_name_en as {{ dbt.type_string() }}) as industry_name_en,
        cast(sector as {{ dbt.type_string() }}) as sector
    from {{ ref('industries') }}
),

final as (
    select * from local_rows
    union all
    select * from bundled
    where not exists (select 1 from local_rows)
)

select * from final

{#- Administrative divisions (GB/T 2260) with the province each one belongs to. -#}
with source as (
    select * from {{ source('raw', 'regions') }}
),

renamed as (
    select
        cast(region_code as {{ dbt.type_string() }}) as region_code,
        cast(region_name as {{ dbt.type_string() }}) as region_name,
        cast(level as {{ dbt.type_string() }}) as region_level,
        cast(parent_code as {{ dbt.type_string() }}) as parent_code
    from source
),

final as (
    select
        child.region_code,
        child.region_name,
        child.region_level,
        child.parent_code,
        case
            when child.region_level = 'province' then child.region_code
            when parent.region_level = 'province' then parent.region_code
            when grandparent.region_level = 'province' then grandparent.region_code
        end as province_code
    from renamed as child
    left join renamed as parent on child.parent_code = parent.region_code
    left join renamed as grandparent on parent.parent_code = grandparent.region_code
)

select * from final

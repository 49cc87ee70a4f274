{#- Energy sector, model 5.4 (province, day) of the standard: see int_energy__emissions and METHOD 4. -#}
{{ config(materialized='view') }}  {#- a filter of the sector's rows: a view, not a copy (issue 4) -#}
with emissions as (
    select * from {{ ref('int_energy__emissions') }}
),

final as (
    select
        region_code,
        period_type,
        period_start,
        sector,
        subsector,
        fuel_code,
        scope,
        activity_quantity,
        energy_tce,
        emissions_tco2,
        method,
        estimate_type
    from emissions
    where
        region_level = 'province'
        and period_type = 'day'
)

select * from final

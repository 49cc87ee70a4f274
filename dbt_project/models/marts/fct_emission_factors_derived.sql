{#- Published derived factors (CONTRACT.md): one row per province and period with a factor of its own. -#}
with derived as (
    select * from {{ ref('int_ef_derived') }}
),

final as (
    select
        region_code,
        period_type,
        period_start,
        ef_elec_tco2_per_mwh,
        ef_heat_tco2_per_gj
    from derived
)

select * from final

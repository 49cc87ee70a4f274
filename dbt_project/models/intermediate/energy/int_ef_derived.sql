{#-
    Derived electricity and heat factors of every province period that has
    one of its own (METHOD 4, 5.2; section 8 "Derived factors"):
        EF_elec = (E_power + E_import) / Elec(total_society)
        EF_heat = E_heat / Heat(total_society)
    at year (5.2), quarter and month (5.3) and day (5.4), over the energy rows
    of that period. Imports are in EF_elec's numerator so that the allocated
    electricity emissions add up to E_power + E_import (rule C6). A zero or
    missing denominator gives no factor; EF_heat is 0 where heat is consumed
    but no heat fuel is burned. Periods published as sums of nowcast days have no
    factor of their own. Published as fct_emission_factors_derived.
-#}
with emissions as (
    select * from {{ ref('int_energy__emissions') }}
    where
        region_level = 'province'
        -- a month, quarter or year summed from nowcast days has no factor of its own
        and (period_type = 'day' or estimate_type != 'nowcast')
),

period_emissions as (
    select
        region_code,
        period_type,
        period_start,
        sum(case when subsector in ('power', 'import') then emissions_tco2 else 0 end)
            as electricity_emissions,
        sum(case when subsector = 'heat' then emissions_tco2 else 0 end) as heat_emissions
    from emissions
    group by region_code, period_type, period_start
),

consumption as (
    select
        region_code,
        series,
        period_type,
        period_start,
        value
    from {{ ref('int_grid_figures') }}
    where
        series in ('electricity', 'heat')
        and sector_code = 'total_society'
        and industry_code is null
),

factors as (
    select
        period_emissions.region_code,
        period_emissions.period_type,
        period_emissions.period_start,
        period_emissions.electricity_emissions / nullif(electricity.value, 0)
            as ef_elec_tco2_per_mwh,
        period_emissions.heat_emissions / nullif(heat.value, 0) as ef_heat_tco2_per_gj
    from period_emissions
    left join consumption as electricity
        on
            period_emissions.region_code = electricity.region_code
            and period_emissions.period_type = electricity.period_type
            and period_emissions.period_start = electricity.period_start
            and electricity.series = 'electricity'
    left join consumption as heat
        on
            period_emissions.region_code = heat.region_code
            and period_emissions.period_type = heat.period_type
            and period_emissions.period_start = heat.period_start
            and heat.series = 'heat'
),

final as (
    select
        region_code,
        period_type,
        period_start,
        cast(ef_elec_tco2_per_mwh as double precision) as ef_elec_tco2_per_mwh,
        cast(ef_heat_tco2_per_gj as double precision) as ef_heat_tco2_per_gj
    from factors
    where ef_elec_tco2_per_mwh is not null or ef_heat_tco2_per_gj is not null
)

select * from final

{#-
    C6 (METHOD 6, E3): the indirect electricity emissions of all end uses (industry and other)
    of a province and period vs E_power + E_import (energy sector, subsectors power and import)
    of that province and period, for the periods with a factor of their own
    (int_ef_derived; days use their month's factor, so days are not checked). Both layers.
-#}
with emissions as (
    select * from {{ ref('int_consistency__emissions') }}
    where region_level = 'province'
),

own_factor as (
    select
        region_code,
        period_type,
        period_start
    from {{ ref('int_ef_derived') }}
    where ef_elec_tco2_per_mwh is not null and period_type <> 'day'
),

totals as (
    select
        layer,
        region_code,
        period_type,
        period_start,
        sum(
            case
                when sector = 'energy' and subsector in ('power', 'import') and scope = 'direct'
                    then emissions_tco2
                else 0
            end
        ) as expected,
        sum(
            case
                when sector in ('industry', 'other') and scope = 'indirect_electricity'
                    then emissions_tco2
                else 0
            end
        ) as observed,
        sum(case when scope = 'indirect_electricity' then 1 else 0 end) as n_indirect
    from emissions
    group by 1, 2, 3, 4
),

measured as (
    select
        totals.layer,
        totals.region_code,
        totals.period_type,
        totals.period_start,
        cast(null as {{ dbt.type_string() }}) as sector,
        cast(null as {{ dbt.type_string() }}) as subsector,
        'electricity' as fuel_code,
        'indirect_electricity' as scope,
        'emissions_tco2' as measure,
        totals.expected,
        totals.observed,
        'end-use indirect electricity vs E_power + E_import' as note
    from totals
    inner join own_factor
        on
            totals.region_code = own_factor.region_code
            and totals.period_type = own_factor.period_type
            and totals.period_start = own_factor.period_start
    where totals.n_indirect > 0
),

final as (
    select
        {{ consistency_columns('C6', 'error') }}
    from measured
)

select * from final

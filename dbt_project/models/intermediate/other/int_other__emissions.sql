{#-
    Every other-sector row of every region and period, before it is cut into
    the standard's models (5.8-5.11 provinces, 5.16-5.19 cities/counties):
    - direct: Q(s, f) reported (year) or cascaded (quarter, month, day) or
      nowcast (all periods of a nowcast year); energy_tce = Q * c(f),
      emissions = Q * c(f) * e(f), c and e of the month of period_start.
    - indirect_heat: Heat(s) of the year (reported) and its cascaded shares
      (disaggregated) times EF_heat of the period.
    - indirect_electricity: the grid's Elec(s) of each period (reported)
      times EF_elec of the period. Where the region's grid data do not split
      the subsectors, one row with subsector `other` carries the whole other
      sector's electricity (no method splits it by subsector).
    EF of a period from int_ef_applied (a city uses its province's; a day
    its month's); an indirect row without an applicable factor is not
    produced (METHOD 8).
    Every row is one period's quantity times that period's factor, so an update reads its
    inputs from 1 January of the refresh scope's year on (`where_in_refresh_inputs`).
-#}
{{ period_scoped_incremental(kind='other') }}  {#- rebuilds only its refresh scope on an update (macros/refresh_scope.sql) -#}
with regions as (
    select
        region_code,
        region_level,
        province_code
    from {{ ref('stg_regions') }}
),

years as (
    select
        region_code,
        year_start,
        year_status
    from {{ ref('int_other__years') }}
),

cascaded as (
    select
        region_code,
        subsector,
        fuel_code,
        scope,
        period_type,
        period_start,
        quantity,
        case when period_type = 'year' then 'reported' else 'disaggregated' end
            as estimate_type
    from {{ ref('int_other__cascade') }}{{ where_in_refresh_inputs() }}
),

nowcast as (
    select
        region_code,
        subsector,
        fuel_code,
        'direct' as scope,
        period_type,
        period_start,
        quantity,
        'nowcast' as estimate_type
    from {{ ref('int_other__nowcast') }}{{ where_in_refresh_inputs() }}
),

electricity as (
    select distinct
        drivers.region_code,
        drivers.driver_sector as subsector,
        'electricity' as fuel_code,
        'indirect_electricity' as scope,
        drivers.period_type,
        drivers.period_start,
        drivers.driver as quantity,
        'reported' as estimate_type
    from {{ ref('int_other__drivers') }} as drivers
    inner join years
        on
            drivers.region_code = years.region_code
            and drivers.year_start = years.year_start
    where drivers.driver is not null{{ and_in_refresh_inputs('drivers.period_start') }}
),

quantities as (
    select * from cascaded
    union all
    select * from nowcast
    union all
    select * from electricity
),

applied_factors as (
    select
        region_code,
        period_type,
        period_start,
        ef_elec,
        ef_heat
    from {{ ref('int_ef_applied') }}
),

with_factors as (
    select
        quantities.*,
        regions.region_level,
        factors.std_coal_coeff,
        factors.co2_per_tce,
        case
            when quantities.scope = 'indirect_electricity' then applied_factors.ef_elec
            when quantities.scope = 'indirect_heat' then applied_factors.ef_heat
        end as indirect_factor
    from quantities
    inner join regions
        on quantities.region_code = regions.region_code
    left join {{ ref('int_factor_versions') }} as factors
        on
            quantities.fuel_code = factors.fuel_code
            and {{ period_start_of('month', 'quantities.period_start') }} = factors.month_start
    left join applied_factors
        on
            regions.province_code = applied_factors.region_code
            and quantities.period_type = applied_factors.period_type
            and quantities.period_start = applied_factors.period_start
),

final as (
    select
        region_code,
        region_level,
        period_type,
        period_start,
        cast('other' as {{ dbt.type_string() }}) as sector,
        cast(subsector as {{ dbt.type_string() }}) as subsector,
        cast(fuel_code as {{ dbt.type_string() }}) as fuel_code,
        cast(scope as {{ dbt.type_string() }}) as scope,
        cast(quantity as double precision) as activity_quantity,
        cast(quantity * std_coal_coeff as double precision) as energy_tce,
        cast(
            case
                when scope = 'direct' then quantity * std_coal_coeff * co2_per_tce
                else quantity * indirect_factor
            end as double precision
        ) as emissions_tco2,
        cast(estimate_type as {{ dbt.type_string() }}) as estimate_type
    from with_factors
    where scope = 'direct' or indirect_factor is not null
)

select * from final{{ where_in_refresh_scope() }}

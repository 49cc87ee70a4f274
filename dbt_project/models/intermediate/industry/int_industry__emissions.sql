{#-
    Industry rows of every region and period before they are cut into the
    models 5.5, 5.6, 5.7, 5.14 and 5.15 (METHOD 3 and 4 "Industry"):

        direct (f not electricity, heat): activity Q(i, f), energy Q*c(f), emissions Q*c(f)*e(f)
        indirect_electricity:  activity Elec(i), energy Elec*c(electricity), emissions Elec*EF_elec
        indirect_heat:         activity Q(i, heat), energy Q*c(heat), emissions Q*EF_heat

    Fuel rows from int_industry__period_fuel (year, quarter, month; reported)
    and int_industry__day_fuel (disaggregated or nowcast). Electricity rows
    are the grid's Elec(i) of the same period (estimate_type reported): at
    year, quarter and month for the periods that have industry statistics, at
    day for the days of int_industry__days. c and e are the versions valid at
    the first day of the period's month; EF_elec and EF_heat come from
    int_ef_applied of the same period (a city uses its province's; a day its
    month's factor). Without a factor there is no indirect row (METHOD 8).

    A month, quarter or year with no statistical figure of its own but with
    nowcast days is published as the sum of all its day rows (disaggregated
    and nowcast days, direct and indirect, each day's indirect emissions with
    its month's factor) per industry, fuel and scope, every row with
    estimate_type nowcast (METHOD 8 "Which rows exist"), as energy does.

    On an update the inputs are read from 1 January of the refresh scope's year on
    (`where_in_refresh_inputs`): every row here is one period's quantity times that period's
    factor, or a sum of one period's days, so no row reads another year.
-#}
{{ period_scoped_incremental(kind='period') }}  {#- rebuilds only its refresh scope on an update (macros/refresh_scope.sql) -#}
with regions as (
    select
        region_code,
        region_level,
        province_code
    from {{ ref('stg_regions') }}
),

period_fuel as (
    select
        region_code,
        period_type,
        period_start,
        industry_code,
        fuel_code,
        quantity,
        'reported' as estimate_type
    from {{ ref('int_industry__period_fuel') }}{{ where_in_refresh_inputs() }}
),

day_fuel as (
    select
        region_code,
        'day' as period_type,
        day_start as period_start,
        industry_code,
        fuel_code,
        quantity,
        estimate_type
    from {{ ref('int_industry__day_fuel') }}{{ where_in_refresh_inputs('day_start') }}
),

statistical_periods as (
    select distinct
        region_code,
        period_type,
        period_start
    from period_fuel
    union
    select
        region_code,
        'day' as period_type,
        day_start as period_start
    from {{ ref('int_industry__days') }}{{ where_in_refresh_inputs('day_start') }}
),

electricity_rows as (
    select
        electricity.region_code,
        electricity.period_type,
        electricity.period_start,
        electricity.industry_code,
        'electricity' as fuel_code,
        electricity.electricity_mwh as quantity,
        'reported' as estimate_type
    from {{ ref('int_industry__electricity') }} as electricity
    inner join statistical_periods
        on
            electricity.region_code = statistical_periods.region_code
            and electricity.period_type = statistical_periods.period_type
            and electricity.period_start = statistical_periods.period_start
),

quantities as (
    select * from period_fuel
    union all
    select * from day_fuel
    union all
    select * from electricity_rows
),

with_factors as (
    select
        quantities.*,
        regions.region_level,
        case
            when quantities.fuel_code = 'electricity' then 'indirect_electricity'
            when quantities.fuel_code = 'heat' then 'indirect_heat'
            else 'direct'
        end as scope,
        factors.std_coal_coeff,
        factors.co2_per_tce,
        applied.ef_elec,
        applied.ef_heat
    from quantities
    inner join regions on quantities.region_code = regions.region_code
    left join {{ ref('int_factor_versions') }} as factors
        on
            quantities.fuel_code = factors.fuel_code
            and {{ period_start_of('month', 'quantities.period_start') }} = factors.month_start
    left join {{ ref('int_ef_applied') }} as applied
        on
            regions.province_code = applied.region_code
            and quantities.period_type = applied.period_type
            and quantities.period_start = applied.period_start
),

with_emissions as (
    select
        with_factors.*,
        case
            when with_factors.scope = 'indirect_electricity'
                then with_factors.quantity * with_factors.ef_elec
            when with_factors.scope = 'indirect_heat'
                then with_factors.quantity * with_factors.ef_heat
            else with_factors.quantity * with_factors.std_coal_coeff * with_factors.co2_per_tce
        end as emissions
    from with_factors
),

computed as (
    select
        region_code,
        region_level,
        period_type,
        period_start,
        industry_code,
        fuel_code,
        scope,
        quantity as activity_quantity,
        quantity * std_coal_coeff as energy_tce,
        emissions as emissions_tco2,
        estimate_type
    from with_emissions
    where scope = 'direct' or emissions is not null
),

{{ nowcast_period_sums('computed', 'statistical_periods', ['industry_code', 'fuel_code', 'scope']) }},

all_rows as (
    select * from computed
    union all
    select * from nowcast_rows
),

final as (
    select
        region_code,
        region_level,
        cast(period_type as {{ dbt.type_string() }}) as period_type,
        period_start,
        cast('industry' as {{ dbt.type_string() }}) as sector,
        cast(industry_code as {{ dbt.type_string() }}) as subsector,
        cast(fuel_code as {{ dbt.type_string() }}) as fuel_code,
        cast(scope as {{ dbt.type_string() }}) as scope,
        cast(activity_quantity as double precision) as activity_quantity,
        cast(energy_tce as double precision) as energy_tce,
        cast(emissions_tco2 as double precision) as emissions_tco2,
        cast(
            case
                when region_level = 'province' and period_type = 'year' then '5.5'
                when region_level = 'province' and period_type = 'day' then '5.7'
                when region_level = 'province' then '5.6'
                when period_type = 'day' then '5.15'
                else '5.14'
            end as {{ dbt.type_string() }}
        ) as method,
        cast(estimate_type as {{ dbt.type_string() }}) as estimate_type
    from all_rows
)

select * from final{{ where_in_refresh_scope() }}

{#-
    Energy-sector rows of every region and period before they are split into
    the models 5.2, 5.3, 5.4, 5.12 and 5.13 (METHOD 4 "Energy sector"):
    fuel rows (subsector power / heat) of int_energy__period_fuel and
    int_energy__day_fuel, and one import row (subsector import, fuel
    electricity_import, activity = the grid's imported MWh of the period) for
    every period and day that has fuel figures. Direct rows: energy_tce =
    Q * c(f), emissions = Q * c(f) * e(f), with the factor versions valid at
    the first day of the period's month (a nowcast uses its own period's factors).
    A month, quarter or year with no statistical figure of its own but with
    nowcast days is published as the sum of its day rows, every row with
    estimate_type nowcast (METHOD 8 "Which rows exist"); it has no derived
    factor of its own.
    No row reads another year, so an update reads the inputs from 1 January of the refresh
    scope's year on (`where_in_refresh_inputs`).
-#}
{{ period_scoped_incremental(kind='period') }}  {#- rebuilds only its refresh scope on an update (macros/refresh_scope.sql) -#}
with regions as (
    select
        region_code,
        region_level
    from {{ ref('stg_regions') }}
),

period_fuel as (
    select
        region_code,
        period_type,
        period_start,
        subsector,
        fuel_code,
        quantity,
        'reported' as estimate_type
    from {{ ref('int_energy__period_fuel') }}{{ where_in_refresh_inputs() }}
),

day_fuel as (
    select
        region_code,
        'day' as period_type,
        day_start as period_start,
        subsector,
        fuel_code,
        quantity,
        estimate_type
    from {{ ref('int_energy__day_fuel') }}{{ where_in_refresh_inputs('day_start') }}
),

fuel_rows as (
    select * from period_fuel
    union all
    select * from day_fuel
),

fuel_periods as (
    select distinct
        region_code,
        period_type,
        period_start
    from fuel_rows
),

import_rows as (
    select
        fuel_periods.region_code,
        fuel_periods.period_type,
        fuel_periods.period_start,
        'import' as subsector,
        'electricity_import' as fuel_code,
        imported.value as quantity,
        'reported' as estimate_type
    from fuel_periods
    inner join {{ ref('int_grid_figures') }} as imported
        on
            fuel_periods.region_code = imported.region_code
            and fuel_periods.period_type = imported.period_type
            and fuel_periods.period_start = imported.period_start
            and imported.series = 'imported'
),

quantities as (
    select * from fuel_rows
    union all
    select * from import_rows
),

with_factors as (
    select
        quantities.*,
        regions.region_level,
        factors.std_coal_coeff,
        factors.co2_per_tce
    from quantities
    inner join regions on quantities.region_code = regions.region_code
    left join {{ ref('int_factor_versions') }} as factors
        on
            quantities.fuel_code = factors.fuel_code
            and {{ period_start_of('month', 'quantities.period_start') }} = factors.month_start
),

computed as (
    select
        region_code,
        region_level,
        period_type,
        period_start,
        subsector,
        fuel_code,
        quantity as activity_quantity,
        quantity * std_coal_coeff as energy_tce,
        quantity * std_coal_coeff * co2_per_tce as emissions_tco2,
        estimate_type
    from with_factors
),

{{ nowcast_period_sums('computed', 'fuel_periods', ['subsector', 'fuel_code']) }},

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
        cast('energy' as {{ dbt.type_string() }}) as sector,
        cast(subsector as {{ dbt.type_string() }}) as subsector,
        fuel_code,
        cast('direct' as {{ dbt.type_string() }}) as scope,
        cast(activity_quantity as double precision) as activity_quantity,
        cast(energy_tce as double precision) as energy_tce,
        cast(emissions_tco2 as double precision) as emissions_tco2,
        cast(
            case
                when region_level = 'province' and period_type = 'year' then '5.2'
                when region_level = 'province' and period_type = 'day' then '5.4'
                when region_level = 'province' then '5.3'
                when period_type = 'day' then '5.13'
                else '5.12'
            end as {{ dbt.type_string() }}
        ) as method,
        cast(estimate_type as {{ dbt.type_string() }}) as estimate_type
    from all_rows
)

select * from final{{ where_in_refresh_scope() }}

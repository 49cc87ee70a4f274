{#-
    Fuel burned for power and heat on every day of the power_supply day rows
    (models 5.4 and 5.13, METHOD 3 and 8). Where the day's month is reported
    (power_heat_inputs month rows), the month's fuel is split over the days:
    power fuel by generation, heat fuel by heat supply where the region has
    daily heat supply in that month, else evenly over the month's day rows;
    a month whose driver sums to zero splits evenly. Where the month is not
    reported, the day is a nowcast: provinces from the latest reported month
    before it, Q(ref) / D(ref) * D(d) (zero reference driver: Q(ref) / days of
    ref); cities and counties from their year y-1 (5.13), power by generation,
    heat evenly over the day rows of y-1. Without a reference there is no day.
-#}
{{ period_scoped_incremental('day_start', kind='day') }}  {#- rebuilds only its refresh scope on an update (macros/refresh_scope.sql) -#}
with regions as (
    select
        region_code,
        region_level
    from {{ ref('stg_regions') }}
    where region_level in ('province', 'city', 'county')
),

calendar as (
    select * from {{ ref('int_calendar_days') }}
),

days as (
    select
        supply.region_code,
        regions.region_level,
        supply.period_start as day_start,
        calendar.month_start,
        calendar.year_start,
        supply.generation_mwh as generation,
        supply.heat_supply_gj as heat_supply
    from {{ ref('stg_power_supply') }} as supply
    inner join regions on supply.region_code = regions.region_code
    inner join calendar on supply.period_start = calendar.day_start
    where supply.period_type = 'day'
),

month_days as (
    select
        region_code,
        month_start,
        cast(count(*) as double precision) as day_count,
        sum(generation) as generation_sum,
        sum(heat_supply) as heat_supply_sum,
        count(heat_supply) as heat_day_count
    from days
    group by region_code, month_start
),

year_days as (
    select
        region_code,
        year_start,
        cast(count(*) as double precision) as day_count
    from days
    group by region_code, year_start
),

calendar_months as (
    select
        month_start,
        cast(count(*) as double precision) as day_count
    from calendar
    group by month_start
),

period_fuel as (
    select * from {{ ref('int_energy__period_fuel') }}
),

month_fuel as (
    select * from period_fuel
    where period_type = 'month'
),

reported_months as (
    select distinct
        region_code,
        period_start as month_start
    from month_fuel
),

grid as (
    select
        region_code,
        series,
        period_type,
        period_start,
        value
    from {{ ref('int_grid_figures') }}
    where series in ('generation', 'heat_supply')
),

days_with_month as (
    select
        days.*,
        month_days.day_count,
        month_days.generation_sum,
        month_days.heat_supply_sum,
        month_days.heat_day_count
    from days
    inner join month_days
        on
            days.region_code = month_days.region_code
            and days.month_start = month_days.month_start
),

disaggregated as (
    select
        days.region_code,
        days.day_start,
        month_fuel.subsector,
        month_fuel.fuel_code,
        case
            when month_fuel.subsector = 'power' and days.generation_sum > 0
                then month_fuel.quantity * days.generation / days.generation_sum
            when month_fuel.subsector = 'heat' and days.heat_day_count > 0 and days.heat_supply_sum > 0
                then month_fuel.quantity * coalesce(days.heat_supply, 0) / days.heat_supply_sum
            else month_fuel.quantity / days.day_count
        end as quantity,
        'disaggregated' as estimate_type
    from days_with_month as days
    inner join month_fuel
        on
            days.region_code = month_fuel.region_code
            and days.month_start = month_fuel.period_start
),

unreported_days as (
    select days_with_month.*
    from days_with_month
    where not exists (
        select 1
        from reported_months
        where
            reported_months.region_code = days_with_month.region_code
            and reported_months.month_start = days_with_month.month_start
    )
),

province_references as (
    select
        unreported_days.region_code,
        unreported_days.day_start,
        max(reported_months.month_start) as reference_start
    from unreported_days
    inner join reported_months
        on
            unreported_days.region_code = reported_months.region_code
            and unreported_days.month_start > reported_months.month_start
    where unreported_days.region_level = 'province'
    group by unreported_days.region_code, unreported_days.day_start
),

province_nowcast as (
    select
        days.region_code,
        days.day_start,
        month_fuel.subsector,
        month_fuel.fuel_code,
        case
            when month_fuel.subsector = 'power' and reference_generation.value > 0
                then month_fuel.quantity / reference_generation.value * days.generation
            when
                month_fuel.subsector = 'heat' and days.heat_day_count > 0
                and reference_heat.value > 0
                then month_fuel.quantity / reference_heat.value * coalesce(days.heat_supply, 0)
            else
                month_fuel.quantity
                / coalesce(reference_days.day_count, calendar_months.day_count)
        end as quantity,
        'nowcast' as estimate_type
    from unreported_days as days
    inner join province_references
        on
            days.region_code = province_references.region_code
            and days.day_start = province_references.day_start
    inner join month_fuel
        on
            province_references.region_code = month_fuel.region_code
            and province_references.reference_start = month_fuel.period_start
    inner join calendar_months
        on province_references.reference_start = calendar_months.month_start
    left join month_days as reference_days
        on
            province_references.region_code = reference_days.region_code
            and province_references.reference_start = reference_days.month_start
    left join grid as reference_generation
        on
            province_references.region_code = reference_generation.region_code
            and reference_generation.series = 'generation'
            and reference_generation.period_type = 'month'
            and province_references.reference_start = reference_generation.period_start
    left join grid as reference_heat
        on
            province_references.region_code = reference_heat.region_code
            and reference_heat.series = 'heat_supply'
            and reference_heat.period_type = 'month'
            and province_references.reference_start = reference_heat.period_start
),

city_nowcast as (
    select
        days.region_code,
        days.day_start,
        year_fuel.subsector,
        year_fuel.fuel_code,
        case
            when year_fuel.subsector = 'power' and reference_generation.value > 0
                then year_fuel.quantity / reference_generation.value * days.generation
            else year_fuel.quantity / reference_days.day_count
        end as quantity,
        'nowcast' as estimate_type
    from unreported_days as days
    inner join period_fuel as year_fuel
        on
            days.region_code = year_fuel.region_code
            and year_fuel.period_type = 'year'
            and year_fuel.period_start = cast({{ dbt.dateadd('year', -1, 'days.year_start') }} as date)
    left join year_days as reference_days
        on
            year_fuel.region_code = reference_days.region_code
            and year_fuel.period_start = reference_days.year_start
    left join grid as reference_generation
        on
            year_fuel.region_code = reference_generation.region_code
            and reference_generation.series = 'generation'
            and reference_generation.period_type = 'year'
            and year_fuel.period_start = reference_generation.period_start
    where days.region_level in ('city', 'county')
),

unioned as (
    select * from disaggregated
    union all
    select * from province_nowcast
    union all
    select * from city_nowcast
),

final as (
    select
        region_code,
        day_start,
        cast(subsector as {{ dbt.type_string() }}) as subsector,
        fuel_code,
        cast(quantity as double precision) as quantity,
        cast(estimate_type as {{ dbt.type_string() }}) as estimate_type
    from unioned
    where quantity is not null
)

select * from final{{ where_in_refresh_scope('day_start') }}

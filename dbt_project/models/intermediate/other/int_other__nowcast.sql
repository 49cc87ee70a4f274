{#-
    Nowcast of the fuels burned in a year without energy_balance (province)
    or other_activity (city/county) data (METHOD 3 and 8): the year, its
    quarters, months and days are each
        Q(s, f, period) = Q(s, f, ref) / D(s, ref) * D(s, period)
    with ref the latest reported year and D the subsector's driver
    (int_other__drivers). Where D(s, ref) is zero or missing, each period
    gets Q(s, f, ref) / (number of periods of its type in the reference
    year), e.g. per day Q(ref) / days of ref. A period exists where it has a
    driver figure of its own. Heat is never nowcast (int_other__cascade).
-#}
{{ period_scoped_incremental(kind='other') }}  {#- rebuilds only its refresh scope on an update (macros/refresh_scope.sql) -#}
with nowcast_years as (
    select
        region_code,
        year_start,
        reference_year_start
    from {{ ref('int_other__years') }}
    where year_status = 'nowcast'
),

reference_quantities as (
    select
        nowcast_years.region_code,
        nowcast_years.year_start,
        nowcast_years.reference_year_start,
        fuels.subsector,
        fuels.fuel_code,
        fuels.quantity as reference_quantity
    from nowcast_years
    inner join {{ ref('int_other__year_fuels') }} as fuels
        on
            nowcast_years.region_code = fuels.region_code
            and nowcast_years.reference_year_start = fuels.year_start
),

reference_drivers as (
    select
        region_code,
        subsector,
        period_start as reference_year_start,
        driver
    from {{ ref('int_other__drivers') }}
    where period_type = 'year'
),

reference_rows as (
    -- One row per nowcast year, subsector and fuel, with the reference driver: small, so
    -- the join to the children below is one hash join whichever side a planner estimates.
    select
        reference_quantities.*,
        reference_drivers.driver as reference_driver
    from reference_quantities
    left join reference_drivers
        on
            reference_quantities.region_code = reference_drivers.region_code
            and reference_quantities.subsector = reference_drivers.subsector
            and reference_quantities.reference_year_start = reference_drivers.reference_year_start
),

calendar as (
    select * from {{ ref('int_calendar_days') }}
),

period_counts as (
    select
        year_start,
        'year' as period_type,
        count(distinct year_start) as n_periods
    from calendar
    group by year_start
    union all
    select
        year_start,
        'quarter' as period_type,
        count(distinct quarter_start) as n_periods
    from calendar
    group by year_start
    union all
    select
        year_start,
        'month' as period_type,
        count(distinct month_start) as n_periods
    from calendar
    group by year_start
    union all
    select
        year_start,
        'day' as period_type,
        count(distinct day_start) as n_periods
    from calendar
    group by year_start
),

final as (
    select
        reference.region_code,
        reference.subsector,
        reference.fuel_code,
        children.period_type,
        children.period_start,
        cast(
            case
                when coalesce(reference.reference_driver, 0) = 0
                    then
                        reference.reference_quantity
                        / cast(period_counts.n_periods as double precision)
                else reference.reference_quantity / reference.reference_driver * children.driver
            end as double precision
        ) as quantity
    from reference_rows as reference
    inner join {{ ref('int_other__drivers') }} as children
        on
            reference.region_code = children.region_code
            and reference.subsector = children.subsector
            and reference.year_start = children.year_start
    inner join period_counts
        on
            reference.reference_year_start = period_counts.year_start
            and children.period_type = period_counts.period_type
    where children.driver is not null
)

select * from final{{ where_in_refresh_scope() }}

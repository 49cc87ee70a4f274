{#-
    The days of every region on which industry day rows can exist (models 5.7
    and 5.15, METHOD 3 and 8), with the reference month of each day.

    Days of a month: the region's power_supply day rows ("evenly over the
    days" of METHOD 8), together with the days on which the grid has
    electricity of one of the region's industries. A month without any daily
    grid row has no days: nothing on a day is observed there, and a nowcast
    month without days would otherwise run on to the end of the calendar.

    A day's month is reported when industry_energy has a usable row for the
    region and month (int_industry__period_fuel); otherwise its reference
    month is the latest reported month before it (5.7: latest reported month;
    5.15: the previous month, which falls back to the latest reported one, so
    both read the same). A day whose month is neither reported nor has a
    reference has no row. `day_count` is the number of days of the month.
-#}
with regions as (
    select region_code
    from {{ ref('stg_regions') }}
    where region_level in ('province', 'city', 'county')
),

calendar as (
    select * from {{ ref('int_calendar_days') }}
),

grid_days as (
    select
        region_code,
        period_start as day_start
    from {{ ref('stg_power_supply') }}
    where period_type = 'day'
    union
    select
        region_code,
        period_start as day_start
    from {{ ref('int_industry__electricity') }}
    where period_type = 'day'
),

region_days as (
    select
        grid_days.region_code,
        grid_days.day_start,
        calendar.month_start
    from grid_days
    inner join regions on grid_days.region_code = regions.region_code
    inner join calendar on grid_days.day_start = calendar.day_start
),

month_day_counts as (
    select
        region_code,
        month_start,
        count(*) as day_count
    from region_days
    group by region_code, month_start
),

reported_months as (
    select distinct
        region_code,
        period_start as month_start
    from {{ ref('int_industry__period_fuel') }}
    where period_type = 'month'
),

region_months as (
    select distinct
        region_code,
        month_start
    from region_days
),

month_references as (
    select
        region_months.region_code,
        region_months.month_start,
        max(reported_months.month_start) as reference_start
    from region_months
    inner join reported_months
        on
            region_months.region_code = reported_months.region_code
            and region_months.month_start >= reported_months.month_start
    group by region_months.region_code, region_months.month_start
),

final as (
    select
        region_days.region_code,
        region_days.day_start,
        region_days.month_start,
        cast(month_day_counts.day_count as double precision) as day_count,
        cast(
            case
                when month_references.reference_start = region_days.month_start then 'disaggregated'
                else 'nowcast'
            end as {{ dbt.type_string() }}
        ) as estimate_type,
        month_references.reference_start
    from region_days
    inner join month_day_counts
        on
            region_days.region_code = month_day_counts.region_code
            and region_days.month_start = month_day_counts.month_start
    inner join month_references
        on
            region_days.region_code = month_references.region_code
            and region_days.month_start = month_references.month_start
)

select * from final

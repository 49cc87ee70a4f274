{#-
    C2 (METHOD 6, standard 6.4.1(1)): every day of a month present in the daily grid sources
    (power_supply, electricity_consumption total_society) for each region with day rows, and
    every month of a year in the statistical month sources (power_heat_inputs, industry_energy)
    up to the source's latest reported month. expected = periods due, observed = periods
    present, rel_diff = missing share. Sources are layer-free: listed for both layers.
-#}
with calendar as (
    select * from {{ ref('int_calendar_days') }}
),

day_rows as (
    select
        'power_supply' as source_name,
        region_code,
        period_start
    from {{ ref('stg_power_supply') }}
    where period_type = 'day'
    union
    select
        'electricity_consumption',
        region_code,
        period_start
    from {{ ref('stg_electricity_consumption') }}
    where period_type = 'day' and sector_code = 'total_society'
),

day_span as (
    select
        source_name,
        min(period_start) as first_day,
        max(period_start) as last_day
    from day_rows
    group by 1
),

day_regions as (
    select distinct
        source_name,
        region_code
    from day_rows
),

days_due as (
    select
        day_regions.source_name,
        day_regions.region_code,
        calendar.month_start,
        count(*) as n_due
    from day_regions
    inner join day_span on day_regions.source_name = day_span.source_name
    inner join calendar
        on calendar.day_start between day_span.first_day and day_span.last_day
    group by 1, 2, 3
),

days_present as (
    select
        source_name,
        region_code,
        cast({{ dbt.date_trunc('month', 'period_start') }} as date) as month_start,
        count(distinct period_start) as n_present
    from day_rows
    group by 1, 2, 3
),

month_rows as (
    select
        'power_heat_inputs' as source_name,
        region_code,
        period_start
    from {{ ref('stg_power_heat_inputs') }}
    where period_type = 'month'
    union
    select
        'industry_energy',
        region_code,
        period_start
    from {{ ref('stg_industry_energy') }}
    where period_type = 'month'
),

month_span as (
    select
        source_name,
        min(period_start) as first_month,
        max(period_start) as last_month
    from month_rows
    group by 1
),

month_regions as (
    select distinct
        source_name,
        region_code
    from month_rows
),

months_due as (
    select
        month_regions.source_name,
        month_regions.region_code,
        calendar.year_start,
        count(distinct calendar.month_start) as n_due
    from month_regions
    inner join month_span on month_regions.source_name = month_span.source_name
    inner join calendar
        on calendar.month_start between month_span.first_month and month_span.last_month
    group by 1, 2, 3
),

months_present as (
    select
        source_name,
        region_code,
        cast({{ dbt.date_trunc('year', 'period_start') }} as date) as year_start,
        count(distinct period_start) as n_present
    from month_rows
    group by 1, 2, 3
),

objects as (
    select
        days_due.source_name,
        days_due.region_code,
        'month' as period_type,
        days_due.month_start as period_start,
        'days' as measure,
        cast(days_due.n_due as double precision) as n_due,
        cast(coalesce(days_present.n_present, 0) as double precision) as n_present
    from days_due
    left join days_present
        on
            days_due.source_name = days_present.source_name
            and days_due.region_code = days_present.region_code
            and days_due.month_start = days_present.month_start
    union all
    select
        months_due.source_name,
        months_due.region_code,
        'year',
        months_due.year_start,
        'months',
        cast(months_due.n_due as double precision),
        cast(coalesce(months_present.n_present, 0) as double precision)
    from months_due
    left join months_present
        on
            months_due.source_name = months_present.source_name
            and months_due.region_code = months_present.region_code
            and months_due.year_start = months_present.year_start
),

layers as (
    select 'computed' as layer
    union all
    select 'reconciled'
),

measured as (
    -- expected 1 (all present), observed = present share: rel_diff is the missing share.
    select
        layers.layer,
        objects.region_code,
        objects.period_type,
        objects.period_start,
        cast(null as {{ dbt.type_string() }}) as sector,
        objects.source_name as subsector,
        cast(null as {{ dbt.type_string() }}) as fuel_code,
        cast(null as {{ dbt.type_string() }}) as scope,
        objects.measure,
        1.0 as expected,
        objects.n_present / objects.n_due as observed,
        {{ dbt.concat(["'source '", 'objects.source_name', "': '",
            'cast(cast(objects.n_due - objects.n_present as integer) as ' ~ dbt.type_string() ~ ')',
            "' of '", 'cast(cast(objects.n_due as integer) as ' ~ dbt.type_string() ~ ')',
            "' missing'"]) }} as note
    from objects
    cross join layers
),

final as (
    select
        {{ consistency_columns('C2', 'error') }}
    from measured
)

select * from final

{#-
    C7 (METHOD 6, standard 6.4.1(3)): plausibility of a region's emissions per period and
    sector (all scopes), flagged beyond the threshold (a warning, never blocking).
    Months, quarters and years: 'vs previous year' compares with the same period one year
    earlier; 'vs seasonal expectation' compares a month or quarter with this year's figure of
    its year times its share of the year one year earlier.
    Days: a day-to-day comparison with last year mostly measures weather, so a day is compared
    with its seasonal expectation 'vs same weekdays': the mean of the same weekday one and two
    weeks before and after (at least two of them present), which follows the season and the
    week's rhythm but not a one-day jump.
-#}
with emissions as (
    select * from {{ ref('int_consistency__emissions') }}
    where region_level in ('province', 'city')
),

totals as (
    select
        layer,
        region_code,
        period_type,
        period_start,
        sector,
        sum(emissions_tco2) as emissions_tco2
    from emissions
    group by 1, 2, 3, 4, 5
),

periods as (
    select
        layer,
        region_code,
        period_type,
        period_start,
        sector,
        emissions_tco2,
        cast({{ dbt.dateadd('year', -1, 'period_start') }} as date) as previous_start,
        cast({{ dbt.date_trunc('year', 'period_start') }} as date) as year_start
    from totals
    where period_type in ('month', 'quarter', 'year')
),

yoy as (
    select
        periods.layer,
        periods.region_code,
        periods.period_type,
        periods.period_start,
        periods.sector,
        'vs previous year' as note,
        previous.emissions_tco2 as expected,
        periods.emissions_tco2 as observed
    from periods
    inner join totals as previous
        on
            periods.layer = previous.layer
            and periods.region_code = previous.region_code
            and periods.period_type = previous.period_type
            and periods.sector = previous.sector
            and periods.previous_start = previous.period_start
),

seasonal as (
    select
        periods.layer,
        periods.region_code,
        periods.period_type,
        periods.period_start,
        periods.sector,
        'vs seasonal expectation' as note,
        this_year.emissions_tco2 * last_year.emissions_tco2
        / nullif(last_year_total.emissions_tco2, 0) as expected,
        periods.emissions_tco2 as observed
    from periods
    inner join totals as this_year
        on
            periods.layer = this_year.layer
            and periods.region_code = this_year.region_code
            and periods.sector = this_year.sector
            and this_year.period_type = 'year'
            and periods.year_start = this_year.period_start
    inner join totals as last_year
        on
            periods.layer = last_year.layer
            and periods.region_code = last_year.region_code
            and periods.sector = last_year.sector
            and periods.period_type = last_year.period_type
            and periods.previous_start = last_year.period_start
    inner join totals as last_year_total
        on
            periods.layer = last_year_total.layer
            and periods.region_code = last_year_total.region_code
            and periods.sector = last_year_total.sector
            and last_year_total.period_type = 'year'
            and cast({{ dbt.dateadd('year', -1, 'periods.year_start') }} as date)
            = last_year_total.period_start
    where periods.period_type in ('month', 'quarter')
),

offsets as (
    select -14 as offset_days
    union all
    select -7
    union all
    select 7
    union all
    select 14
),

days as (
    select * from totals
    where period_type = 'day'
),

same_weekdays as (
    select
        days.layer,
        days.region_code,
        days.period_start,
        days.sector,
        avg(neighbour.emissions_tco2) as expected,
        count(*) as n_neighbours
    from days
    cross join offsets
    inner join days as neighbour
        on
            days.layer = neighbour.layer
            and days.region_code = neighbour.region_code
            and days.sector = neighbour.sector
            and cast({{ dbt.dateadd('day', 'offsets.offset_days', 'days.period_start') }} as date)
            = neighbour.period_start
    group by 1, 2, 3, 4
),

day_checks as (
    select
        days.layer,
        days.region_code,
        days.period_type,
        days.period_start,
        days.sector,
        'vs same weekdays' as note,
        same_weekdays.expected,
        days.emissions_tco2 as observed
    from days
    inner join same_weekdays
        on
            days.layer = same_weekdays.layer
            and days.region_code = same_weekdays.region_code
            and days.period_start = same_weekdays.period_start
            and days.sector = same_weekdays.sector
    where same_weekdays.n_neighbours >= 2
),

unioned as (
    select * from yoy
    union all
    select * from seasonal
    union all
    select * from day_checks
),

measured as (
    select
        layer,
        region_code,
        period_type,
        period_start,
        sector,
        cast(null as {{ dbt.type_string() }}) as subsector,
        cast(null as {{ dbt.type_string() }}) as fuel_code,
        cast(null as {{ dbt.type_string() }}) as scope,
        'emissions_tco2' as measure,
        expected,
        observed,
        note
    from unioned
),

final as (
    select {{ consistency_columns('C7', 'warn') }}
    from measured
)

select * from final

{#-
    C7 (METHOD 6, standard 6.4.1(3)): plausibility of a region's emissions per period and
    sector (all scopes), flagged beyond the threshold (a warning, never blocking).
    Months, quarters and years: 'vs previous year' compares with the same period one year
    earlier; 'vs seasonal expectation' compares a month or quarter with this year's figure of
    its year times its share of the year one year earlier. Both per day: a leap year's
    February 29 adds 1/60 (1.7 %) to January + February and 1/365 to its year, which is
    calendar, not growth, so last year's figure is scaled by the ratio of the day counts. January and February are judged as
    a pair (their sum against last year's sum, or its share of the year): the Spring Festival
    moves between them from year to year, so each alone swings by more than 5 % on clean data.
    Days ('vs same weekdays and adjacent days'): a day-to-day comparison with last year mostly
    measures weather and the moving Spring Festival, so a day is judged against its own
    surroundings in two steps.
    1. Weekly rhythm and season: the day's level = its value / the median of the same weekday
       one and two weeks before and after (median of four = (sum - max - min) / 2, so one odd
       neighbour does not move it; the day itself is not in it). Only where all four are
       present (a complete reference window), so the first and last two weeks of the data and
       the weeks around a missing day are not checked.
    2. Isolated jumps: the expected level is the day's level clamped to the range of the levels
       of the day before and the day after; expected = weekday median x that level. A day that
       moves with either neighbour passes (rel_diff 0): holiday plateaus (the Spring Festival
       week, the National Day week) and the ramps into and out of them shift several days
       together. A day beyond both neighbours (a one-day spike or dip) is compared with the
       nearer one and flagged beyond the threshold.
    So a level shift lasting two days or more is not flagged at day level; the month checks
    see it. Window functions over (layer, region, sector) ordered by day, no join over days:
    a neighbour counts only when it is exactly the date it should be (rows are positional).
-#}
{{ period_scoped_incremental(kind='c7') }}  {#- rebuilds only its refresh scope on an update (macros/refresh_scope.sql) -#}
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

spring_festival_pairs as (
    -- January + February of a region, sector and year, where both months are present.
    select
        layer,
        region_code,
        sector,
        year_start,
        sum(emissions_tco2) as emissions_tco2
    from periods
    where
        period_type = 'month'
        and (
            period_start = year_start
            or period_start = cast({{ dbt.dateadd('month', 1, 'year_start') }} as date)
        )
    group by 1, 2, 3, 4
    having count(*) = 2
),

compared as (
    -- A January or February compares as its pair where this year's and last year's pairs both
    -- exist; every other period compares as itself.
    select
        periods.layer,
        periods.region_code,
        periods.period_type,
        periods.period_start,
        periods.sector,
        periods.previous_start,
        periods.year_start,
        coalesce(
            case when last_pair.emissions_tco2 is not null then this_pair.emissions_tco2 end,
            periods.emissions_tco2
        ) as emissions_tco2,
        case
            when this_pair.emissions_tco2 is not null and last_pair.emissions_tco2 is not null
                then last_pair.emissions_tco2
        end as previous_pair_tco2,
        -- days of this period and of the same period last year (a pair: January + February)
        case
            when this_pair.emissions_tco2 is not null and last_pair.emissions_tco2 is not null
                then {{ dbt.datediff('periods.year_start', dbt.dateadd('month', 2, 'periods.year_start'), 'day') }}
            else {{ period_days('periods.period_type', 'periods.period_start') }}
        end as period_days,
        case
            when this_pair.emissions_tco2 is not null and last_pair.emissions_tco2 is not null
                then {{ dbt.datediff('last_pair.year_start', dbt.dateadd('month', 2, 'last_pair.year_start'), 'day') }}
            else {{ period_days('periods.period_type', 'periods.previous_start') }}
        end as previous_days
    from periods
    left join spring_festival_pairs as this_pair
        on
            periods.period_type = 'month'
            and periods.layer = this_pair.layer
            and periods.region_code = this_pair.region_code
            and periods.sector = this_pair.sector
            and periods.year_start = this_pair.year_start
            and (
                periods.period_start = this_pair.year_start
                or periods.period_start
                = cast({{ dbt.dateadd('month', 1, 'this_pair.year_start') }} as date)
            )
    left join spring_festival_pairs as last_pair
        on
            this_pair.layer = last_pair.layer
            and this_pair.region_code = last_pair.region_code
            and this_pair.sector = last_pair.sector
            and cast({{ dbt.dateadd('year', -1, 'this_pair.year_start') }} as date)
            = last_pair.year_start
),

yoy as (
    select
        periods.layer,
        periods.region_code,
        periods.period_type,
        periods.period_start,
        periods.sector,
        'vs previous year' as note,
        coalesce(periods.previous_pair_tco2, previous.emissions_tco2)
        * periods.period_days / periods.previous_days as expected,
        periods.emissions_tco2 as observed
    from compared as periods
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
        -- this year's total x last year's share, both per day of the period and of the year
        this_year.emissions_tco2 * coalesce(periods.previous_pair_tco2, last_year.emissions_tco2)
        / nullif(last_year_total.emissions_tco2, 0)
        * (periods.period_days * 1.0 / periods.previous_days)
        * {{ period_days("'year'", 'last_year_total.period_start') }}
        / {{ period_days("'year'", 'this_year.period_start') }} as expected,
        periods.emissions_tco2 as observed
    from compared as periods
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

days as (
    select
        layer,
        region_code,
        period_start,
        sector,
        emissions_tco2
    from totals
    where period_type = 'day'
),

weekday_neighbours as (
    {#- The same weekday one and two weeks before and after; a neighbour counts only when it is
        exactly that date (rows are positional, a missing day must not shift the window). #}
    select
        layer,
        region_code,
        period_start,
        sector,
        emissions_tco2,
        case
            when
                lag(period_start, 14) over by_day
                = cast({{ dbt.dateadd('day', -14, 'period_start') }} as date)
                then lag(emissions_tco2, 14) over by_day
        end as before_2w,
        case
            when
                lag(period_start, 7) over by_day
                = cast({{ dbt.dateadd('day', -7, 'period_start') }} as date)
                then lag(emissions_tco2, 7) over by_day
        end as before_1w,
        case
            when
                lead(period_start, 7) over by_day
                = cast({{ dbt.dateadd('day', 7, 'period_start') }} as date)
                then lead(emissions_tco2, 7) over by_day
        end as after_1w,
        case
            when
                lead(period_start, 14) over by_day
                = cast({{ dbt.dateadd('day', 14, 'period_start') }} as date)
                then lead(emissions_tco2, 14) over by_day
        end as after_2w
    from days
    window by_day as (partition by layer, region_code, sector order by period_start)
),

weekday_medians as (
    {#- Median of the four same-weekday neighbours = (sum - max - min) / 2; NULL unless all four
        are present (a complete reference window). #}
    select
        layer,
        region_code,
        period_start,
        sector,
        emissions_tco2,
        (
            before_2w + before_1w + after_1w + after_2w
            - greatest(before_2w, before_1w, after_1w, after_2w)
            - least(before_2w, before_1w, after_1w, after_2w)
        ) / 2.0 as weekday_median
    from weekday_neighbours
),

levels as (
    {#- The day's level relative to its weekday median, and the same for the adjacent days. #}
    select
        layer,
        region_code,
        period_start,
        sector,
        emissions_tco2,
        weekday_median,
        emissions_tco2 / nullif(weekday_median, 0) as day_level
    from weekday_medians
),

adjacent as (
    select
        layer,
        region_code,
        period_start,
        sector,
        emissions_tco2,
        weekday_median,
        day_level,
        case
            when
                lag(period_start, 1) over by_day
                = cast({{ dbt.dateadd('day', -1, 'period_start') }} as date)
                then lag(day_level, 1) over by_day
        end as level_before,
        case
            when
                lead(period_start, 1) over by_day
                = cast({{ dbt.dateadd('day', 1, 'period_start') }} as date)
                then lead(day_level, 1) over by_day
        end as level_after
    from levels
    window by_day as (partition by layer, region_code, sector order by period_start)
),

day_checks as (
    {#- Expected level = this day's level clamped to the range of the adjacent days' levels: a
        day inside that range moves with a neighbour (rel_diff 0), a day outside it is compared
        with the nearer neighbour. #}
    select
        layer,
        region_code,
        'day' as period_type,
        period_start,
        sector,
        'vs same weekdays and adjacent days' as note,
        weekday_median * greatest(
            least(day_level, greatest(level_before, level_after)),
            least(level_before, level_after)
        ) as expected,
        emissions_tco2 as observed
    from adjacent
    where
        day_level is not null
        and level_before is not null
        and level_after is not null
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
    select
        {{ consistency_columns('C7', 'warn') }}
    from measured
)

select * from final{{ where_in_refresh_scope() }}

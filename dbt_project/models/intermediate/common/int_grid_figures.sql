{#-
    Grid figures of every period (METHOD 3 and 8). For each series (region x
    measure x sector x industry) and period: the sum of its day rows where
    the series has at least one day row in the period; otherwise the
    period's own reported row; otherwise, for a quarter or a year, the sum of
    its reported months when all of them are reported. Day rows are the
    days themselves. Reported month rows of a series that has days in that
    month are left to rule C3.
-#}
{{ period_scoped_incremental(kind='period') }}  {#- rebuilds only its refresh scope on an update (macros/refresh_scope.sql) -#}
with power_supply as (
    select * from {{ ref('stg_power_supply') }}
),

series_rows as (
    select
        region_code,
        'generation' as series,
        cast(null as {{ dbt.type_string() }}) as sector_code,
        cast(null as {{ dbt.type_string() }}) as industry_code,
        period_type,
        period_start,
        generation_mwh as value
    from power_supply
    union all
    select
        region_code,
        'supply' as series,
        cast(null as {{ dbt.type_string() }}) as sector_code,
        cast(null as {{ dbt.type_string() }}) as industry_code,
        period_type,
        period_start,
        supply_mwh as value
    from power_supply
    union all
    select
        region_code,
        'imported' as series,
        cast(null as {{ dbt.type_string() }}) as sector_code,
        cast(null as {{ dbt.type_string() }}) as industry_code,
        period_type,
        period_start,
        imported_mwh as value
    from power_supply
    union all
    select
        region_code,
        'heat_supply' as series,
        cast(null as {{ dbt.type_string() }}) as sector_code,
        cast(null as {{ dbt.type_string() }}) as industry_code,
        period_type,
        period_start,
        heat_supply_gj as value
    from power_supply
    where heat_supply_gj is not null
    union all
    select
        region_code,
        'electricity' as series,
        sector_code,
        industry_code,
        period_type,
        period_start,
        mwh as value
    from {{ ref('stg_electricity_consumption') }}
    union all
    select
        region_code,
        'heat' as series,
        sector_code,
        industry_code,
        period_type,
        period_start,
        gj as value
    from {{ ref('stg_heat_consumption') }}
),

day_rows as (
    select
        series_rows.*,
        calendar.month_start,
        calendar.quarter_start,
        calendar.year_start
    from series_rows
    inner join {{ ref('int_calendar_days') }} as calendar
        on series_rows.period_start = calendar.day_start
    where series_rows.period_type = 'day'
),

from_days as (
    select
        region_code,
        series,
        sector_code,
        industry_code,
        'month' as period_type,
        month_start as period_start,
        sum(value) as value,
        'days' as origin,
        1 as priority
    from day_rows
    group by region_code, series, sector_code, industry_code, month_start
    union all
    select
        region_code,
        series,
        sector_code,
        industry_code,
        'quarter' as period_type,
        quarter_start as period_start,
        sum(value) as value,
        'days' as origin,
        1 as priority
    from day_rows
    group by region_code, series, sector_code, industry_code, quarter_start
    union all
    select
        region_code,
        series,
        sector_code,
        industry_code,
        'year' as period_type,
        year_start as period_start,
        sum(value) as value,
        'days' as origin,
        1 as priority
    from day_rows
    group by region_code, series, sector_code, industry_code, year_start
),

reported as (
    select
        region_code,
        series,
        sector_code,
        industry_code,
        period_type,
        period_start,
        value,
        'reported' as origin,
        2 as priority
    from series_rows
    where period_type in ('month', 'quarter', 'year')
),

reported_months as (
    select
        region_code,
        series,
        sector_code,
        industry_code,
        period_start,
        value,
        {{ period_start_of('quarter', 'period_start') }} as quarter_start,
        {{ period_start_of('year', 'period_start') }} as year_start
    from series_rows
    where period_type = 'month'
),

from_months as (
    select
        region_code,
        series,
        sector_code,
        industry_code,
        'quarter' as period_type,
        quarter_start as period_start,
        sum(value) as value,
        'months' as origin,
        3 as priority
    from reported_months
    group by region_code, series, sector_code, industry_code, quarter_start
    having count(distinct period_start) = 3
    union all
    select
        region_code,
        series,
        sector_code,
        industry_code,
        'year' as period_type,
        year_start as period_start,
        sum(value) as value,
        'months' as origin,
        3 as priority
    from reported_months
    group by region_code, series, sector_code, industry_code, year_start
    having count(distinct period_start) = 12
),

candidates as (
    select * from from_days
    union all
    select * from reported
    union all
    select * from from_months
),

ranked as (
    select
        candidates.*,
        row_number() over (
            partition by
                candidates.region_code,
                candidates.series,
                candidates.sector_code,
                candidates.industry_code,
                candidates.period_type,
                candidates.period_start
            order by candidates.priority
        ) as candidate_rank
    from candidates
),

final as (
    select
        region_code,
        series,
        sector_code,
        industry_code,
        period_type,
        period_start,
        cast(value as double precision) as value,
        origin
    from ranked
    where candidate_rank = 1
    union all
    select
        region_code,
        series,
        sector_code,
        industry_code,
        period_type,
        period_start,
        cast(value as double precision) as value,
        'reported' as origin
    from day_rows
)

select * from final{{ where_in_refresh_scope() }}

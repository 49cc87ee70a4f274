{#-
    C8, 数据更新及时性 (table 1 of the standard): for every landing series (source, region,
    period type), the periods that are due and how many of them are present. A period is due
    once its end plus the publication lag of its period type (var timeliness_lag_days,
    expectations/thresholds.yml) has passed; "now" is the last day any landing source covers,
    so a rebuild of old data judges it as of its own time. A series starts at its first period:
    a source that a region never delivers is C2's and C5's concern, not lateness.
-#}
{%- set lags = var('timeliness_lag_days') -%}
{%- set period_sources = [
    ('power_supply', 'stg_power_supply'),
    ('electricity_consumption', 'stg_electricity_consumption'),
    ('heat_consumption', 'stg_heat_consumption'),
    ('power_heat_inputs', 'stg_power_heat_inputs'),
    ('industry_energy', 'stg_industry_energy'),
    ('industry_value_added', 'stg_industry_value_added'),
] -%}
{%- set year_sources = [
    ('energy_balance', 'stg_energy_balance'),
    ('other_activity', 'stg_other_activity'),
    ('economy', 'stg_economy'),
] -%}

with delivered as (
    {%- for name, model in period_sources %}
        select distinct
            '{{ name }}' as source,
            region_code,
            period_type,
            period_start
        from {{ ref(model) }}
        union all
    {%- endfor %}
    {%- for name, model in year_sources %}
        select distinct
            '{{ name }}' as source,
            region_code,
            'year' as period_type,
            period_start
        from {{ ref(model) }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

calendar as (
    select * from {{ ref('int_calendar_days') }}
),

calendar_periods as (
    select distinct
        'day' as period_type,
        day_start as period_start,
        day_start as period_end
    from calendar
    union all
    select distinct
        'month' as period_type,
        month_start as period_start,
        {{ add_days(-1, dbt.dateadd('month', 1, 'month_start')) }} as period_end
    from calendar
    union all
    select distinct
        'quarter' as period_type,
        quarter_start as period_start,
        {{ add_days(-1, dbt.dateadd('month', 3, 'quarter_start')) }} as period_end
    from calendar
    union all
    select distinct
        'year' as period_type,
        year_start as period_start,
        {{ add_days(-1, dbt.dateadd('year', 1, 'year_start')) }} as period_end
    from calendar
),

as_of as (
    select max(calendar_periods.period_end) as as_of_date
    from delivered
    inner join calendar_periods
        on
            delivered.period_type = calendar_periods.period_type
            and delivered.period_start = calendar_periods.period_start
),

due_periods as (
    -- periods whose end plus the lag of their type lies on or before "now"
    select
        calendar_periods.period_type,
        calendar_periods.period_start
    from calendar_periods
    cross join as_of
    where
        calendar_periods.period_end <= case calendar_periods.period_type
            when 'day' then {{ add_days(-lags['day'], 'as_of.as_of_date') }}
            when 'month' then {{ add_days(-lags['month'], 'as_of.as_of_date') }}
            when 'quarter' then {{ add_days(-lags['quarter'], 'as_of.as_of_date') }}
            else {{ add_days(-lags['year'], 'as_of.as_of_date') }}
        end
),

series as (
    select
        source,
        region_code,
        period_type,
        min(period_start) as first_period,
        max(period_start) as last_period
    from delivered
    group by source, region_code, period_type
),

expected as (
    select
        series.source,
        series.region_code,
        series.period_type,
        due_periods.period_start
    from series
    inner join due_periods
        on
            series.period_type = due_periods.period_type
            and series.first_period <= due_periods.period_start
),

judged as (
    select
        expected.source,
        expected.region_code,
        expected.period_type,
        count(*) as periods_due,
        sum(case when delivered.period_start is not null then 1 else 0 end) as periods_present
    from expected
    left join delivered
        on
            expected.source = delivered.source
            and expected.region_code = delivered.region_code
            and expected.period_type = delivered.period_type
            and expected.period_start = delivered.period_start
    group by expected.source, expected.region_code, expected.period_type
),

final as (
    select
        cast(series.source as {{ dbt.type_string() }}) as source,
        cast(series.region_code as {{ dbt.type_string() }}) as region_code,
        cast(series.period_type as {{ dbt.type_string() }}) as period_type,
        cast(series.first_period as date) as first_period,
        cast(series.last_period as date) as last_period,
        cast(as_of.as_of_date as date) as as_of_date,
        cast(coalesce(judged.periods_due, 0) as bigint) as periods_due,
        cast(coalesce(judged.periods_present, 0) as bigint) as periods_present
    from series
    cross join as_of
    left join judged
        on
            series.source = judged.source
            and series.region_code = judged.region_code
            and series.period_type = judged.period_type
)

select * from final

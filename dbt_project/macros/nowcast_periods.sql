{#-
    The CTEs that sum a sector's nowcast days into the months, quarters and years that have no
    statistical figure of their own (METHOD 3: such a period "may be published as the sum of its
    nowcast days with estimate_type nowcast"), shared by int_energy__emissions and
    int_industry__emissions. Emits `nowcast_days`, `day_periods`, `nowcast_periods` and
    `nowcast_rows` (the CTEs that follow a comma in the model):

    - `rows_cte`: the CTE of the sector's computed rows (activity_quantity, energy_tce,
      emissions_tco2, estimate_type, region_code, region_level, period_type, period_start);
    - `figures_cte`: the CTE of the periods that have a statistical figure (region_code,
      period_type, period_start);
    - `keys`: the sector's columns that identify a row within a region and period.
-#}
{% macro nowcast_period_sums(rows_cte, figures_cte, keys) -%}
nowcast_days as (
    select distinct
        {{ rows_cte }}.region_code,
        calendar.month_start,
        calendar.quarter_start,
        calendar.year_start
    from {{ rows_cte }}
    inner join {{ ref('int_calendar_days') }} as calendar
        on {{ rows_cte }}.period_start = calendar.day_start
    where
        {{ rows_cte }}.period_type = 'day'
        and {{ rows_cte }}.estimate_type = 'nowcast'
),

day_periods as (
    select
        region_code,
        'month' as period_type,
        month_start as period_start
    from nowcast_days
    union
    select
        region_code,
        'quarter' as period_type,
        quarter_start as period_start
    from nowcast_days
    union
    select
        region_code,
        'year' as period_type,
        year_start as period_start
    from nowcast_days
),

nowcast_periods as (
    -- The periods with a nowcast day and no statistical figure of their own.
    select
        day_periods.region_code,
        day_periods.period_type,
        day_periods.period_start
    from day_periods
    where
        not exists (
            select 1
            from {{ figures_cte }}
            where
                day_periods.region_code = {{ figures_cte }}.region_code
                and day_periods.period_type = {{ figures_cte }}.period_type
                and day_periods.period_start = {{ figures_cte }}.period_start
        )
),

nowcast_rows as (
    -- One equality join per period type (an `or` of the three would be a nested loop).
    {%- for grain in ['month', 'quarter', 'year'] %}
        select
            {{ rows_cte }}.region_code,
            {{ rows_cte }}.region_level,
            nowcast_periods.period_type,
            nowcast_periods.period_start,
            {%- for key in keys %}
            {{ rows_cte }}.{{ key }},
            {%- endfor %}
            sum({{ rows_cte }}.activity_quantity) as activity_quantity,
            sum({{ rows_cte }}.energy_tce) as energy_tce,
            sum({{ rows_cte }}.emissions_tco2) as emissions_tco2,
            'nowcast' as estimate_type
        from {{ rows_cte }}
        inner join nowcast_periods
            on
                {{ rows_cte }}.region_code = nowcast_periods.region_code
                and {{ period_start_of(grain, rows_cte ~ '.period_start') }} = nowcast_periods.period_start
                and nowcast_periods.period_type = '{{ grain }}'
        where {{ rows_cte }}.period_type = 'day'
        group by
            {{ rows_cte }}.region_code,
            {{ rows_cte }}.region_level,
            nowcast_periods.period_type,
            nowcast_periods.period_start
            {%- for key in keys %},
            {{ rows_cte }}.{{ key }}
            {%- endfor %}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
)
{%- endmacro %}

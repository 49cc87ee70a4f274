{#-
    C3 (METHOD 6, standard 6.3.1): grid electricity of electricity_consumption, the sum of a
    month's day rows (months with every day present; gaps are C2's) vs the reported month row, and the sum of a year's month figures
    (int_grid_figures: days, else reported months) vs the reported year row, per region,
    sector and industry. Sources are layer-free: listed for both layers.
-#}
with consumption as (
    select * from {{ ref('stg_electricity_consumption') }}
),

grid as (
    select * from {{ ref('int_grid_figures') }}
    where series = 'electricity'
),

day_rows as (
    select
        region_code,
        sector_code,
        industry_code,
        cast({{ dbt.date_trunc('month', 'period_start') }} as date) as month_start,
        mwh
    from consumption
    where period_type = 'day'
),

day_sums as (
    -- Only months whose days are all present: a missing day is C2's finding, not C3's.
    select
        region_code,
        sector_code,
        industry_code,
        month_start as period_start,
        sum(mwh) as observed
    from day_rows
    group by 1, 2, 3, 4
    having
        count(*)
        = {{ dbt.datediff('month_start', dbt.dateadd('month', 1, 'month_start'), 'day') }}
),

month_sums as (
    select
        region_code,
        sector_code,
        industry_code,
        cast({{ dbt.date_trunc('year', 'period_start') }} as date) as period_start,
        sum(value) as observed
    from grid
    where period_type = 'month'
    group by 1, 2, 3, 4
),

objects as (
    select
        consumption.region_code,
        consumption.sector_code,
        consumption.industry_code,
        'month' as period_type,
        consumption.period_start,
        consumption.mwh as expected,
        day_sums.observed
    from consumption
    inner join day_sums
        on
            consumption.region_code = day_sums.region_code
            and consumption.sector_code = day_sums.sector_code
            and coalesce(consumption.industry_code, '') = coalesce(day_sums.industry_code, '')
            and consumption.period_start = day_sums.period_start
    where consumption.period_type = 'month'
    union all
    select
        consumption.region_code,
        consumption.sector_code,
        consumption.industry_code,
        'year',
        consumption.period_start,
        consumption.mwh,
        month_sums.observed
    from consumption
    inner join month_sums
        on
            consumption.region_code = month_sums.region_code
            and consumption.sector_code = month_sums.sector_code
            and coalesce(consumption.industry_code, '') = coalesce(month_sums.industry_code, '')
            and consumption.period_start = month_sums.period_start
    where consumption.period_type = 'year'
),

layers as (
    select 'computed' as layer
    union all
    select 'reconciled'
),

measured as (
    select
        layers.layer,
        objects.region_code,
        objects.period_type,
        objects.period_start,
        objects.sector_code as sector,
        objects.industry_code as subsector,
        'electricity' as fuel_code,
        cast(null as {{ dbt.type_string() }}) as scope,
        'electricity' as measure,
        objects.expected,
        objects.observed,
        case objects.period_type
            when 'month' then 'reported month vs sum of days'
            else 'reported year vs sum of months'
        end as note
    from objects
    cross join layers
),

final as (
    select
        {{ consistency_columns('C3', 'error') }}
    from measured
)

select * from final

{#-
    Every day from 1 January of the first year in any source to 31 December
    of the last, with the month, quarter and year it belongs to. Built from a
    digits cross join rather than generate_series so that it stays portable.
-#}
with period_starts as (
    select period_start from {{ ref('stg_power_supply') }}
    union all
    select period_start from {{ ref('stg_electricity_consumption') }}
    union all
    select period_start from {{ ref('stg_heat_consumption') }}
    union all
    select period_start from {{ ref('stg_power_heat_inputs') }}
    union all
    select period_start from {{ ref('stg_industry_energy') }}
    union all
    select period_start from {{ ref('stg_energy_balance') }}
    union all
    select period_start from {{ ref('stg_other_activity') }}
),

bounds as (
    select
        {{ period_start_of('year', 'min(period_start)') }} as first_day,
        {{ add_days(-1, dbt.dateadd('year', 1, period_start_of('year', 'max(period_start)'))) }}
            as last_day
    from period_starts
),

digits as (
    select 0 as d
    union all
    select 1
    union all
    select 2
    union all
    select 3
    union all
    select 4
    union all
    select 5
    union all
    select 6
    union all
    select 7
    union all
    select 8
    union all
    select 9
),

numbers as (
    select
        ones.d + 10 * tens.d + 100 * hundreds.d + 1000 * thousands.d
        + 10000 * tenthousands.d as n
    from digits as ones
    cross join digits as tens
    cross join digits as hundreds
    cross join digits as thousands
    cross join digits as tenthousands
),

days as (
    select {{ add_days('numbers.n', 'bounds.first_day') }} as day_start
    from numbers
    cross join bounds
    where numbers.n <= {{ dbt.datediff('bounds.first_day', 'bounds.last_day', 'day') }}
),

final as (
    select
        day_start,
        {{ period_start_of('month', 'day_start') }} as month_start,
        {{ period_start_of('quarter', 'day_start') }} as quarter_start,
        {{ period_start_of('year', 'day_start') }} as year_start
    from days
)

select * from final

{#-
    Fuel (and heat) of every industry on every day of int_industry__days
    (models 5.7 and 5.15, METHOD 3, 4 and 8).

    Reported month m: each industry's Q(i, f, m) is split over the days by
    the industry's daily grid electricity within the month,
        Q(i, f, d) = Q(i, f, m) * Elec(i, d) / SUM_{d' in m} Elec(i, d'),
    over the days on which the industry has an electricity row (cascade_share:
    a zero sum splits evenly over them). An industry with fuel rows but no
    daily electricity in the month splits evenly over the month's days.

    Month not reported -> nowcast from the reference month (erratum E1,
    fuel / electricity):
        Q(i, f, d) = Q(i, f, ref) / Elec(i, ref) * Elec(i, d)
    with Q(i, f, ref) the whole-industry quantity of the reference month (its
    own k). Where Elec(i, ref) is zero or missing, or the industry has no
    daily electricity in the month, each day gets Q(i, f, ref) / days of ref
    (the reference month's days, or its calendar days when it has none).
-#}
{{ period_scoped_incremental('day_start', kind='day') }}  {#- rebuilds only its refresh scope on an update (macros/refresh_scope.sql) -#}
with days as (
    select * from {{ ref('int_industry__days') }}
),

calendar_months as (
    select
        month_start,
        cast(count(*) as double precision) as day_count
    from {{ ref('int_calendar_days') }}
    group by month_start
),

electricity as (
    select * from {{ ref('int_industry__electricity') }}
),

electricity_days as (
    select
        days.region_code,
        electricity.industry_code,
        days.day_start,
        days.month_start,
        electricity.electricity_mwh
    from electricity
    inner join days
        on
            electricity.region_code = days.region_code
            and electricity.period_start = days.day_start
    where electricity.period_type = 'day'
),

industry_months_with_electricity as (
    select distinct
        region_code,
        industry_code,
        month_start
    from electricity_days
),

month_parents as (
    select distinct
        region_code,
        month_start,
        reference_start,
        estimate_type
    from days
),

reference_day_counts as (
    select distinct
        region_code,
        month_start,
        day_count
    from days
),

month_fuel as (
    select * from {{ ref('int_industry__period_fuel') }}
    where period_type = 'month'
),

parent_fuel as (
    select
        month_parents.region_code,
        month_parents.month_start,
        month_parents.estimate_type,
        month_fuel.industry_code,
        month_fuel.fuel_code,
        month_fuel.quantity,
        reference_electricity.electricity_mwh as reference_electricity,
        coalesce(reference_day_counts.day_count, calendar_months.day_count) as reference_day_count,
        case
            when
                industry_months.industry_code is not null
                and (
                    month_parents.estimate_type = 'disaggregated'
                    or reference_electricity.electricity_mwh > 0
                )
                then 1
            else 0
        end as split_by_electricity
    from month_parents
    inner join month_fuel
        on
            month_parents.region_code = month_fuel.region_code
            and month_parents.reference_start = month_fuel.period_start
    inner join calendar_months
        on month_parents.reference_start = calendar_months.month_start
    left join reference_day_counts
        on
            month_parents.region_code = reference_day_counts.region_code
            and month_parents.reference_start = reference_day_counts.month_start
    left join electricity as reference_electricity
        on
            month_parents.region_code = reference_electricity.region_code
            and month_fuel.industry_code = reference_electricity.industry_code
            and reference_electricity.period_type = 'month'
            and month_parents.reference_start = reference_electricity.period_start
    left join industry_months_with_electricity as industry_months
        on
            month_parents.region_code = industry_months.region_code
            and month_fuel.industry_code = industry_months.industry_code
            and month_parents.month_start = industry_months.month_start
),

electricity_month_sums as (
    -- The siblings of a day split by electricity: the industry's days with electricity in the
    -- month (the same for every fuel, so summed once here rather than per fuel).
    select
        region_code,
        industry_code,
        month_start,
        sum(electricity_mwh) as driver_sum,
        count(*) as child_count
    from electricity_days
    group by region_code, industry_code, month_start
),

month_day_counts as (
    select
        region_code,
        month_start,
        count(*) as child_count
    from days
    group by region_code, month_start
),

with_siblings as (
    select
        parent_fuel.*,
        electricity_days.day_start,
        electricity_days.electricity_mwh as driver,
        electricity_month_sums.driver_sum,
        electricity_month_sums.child_count
    from parent_fuel
    inner join electricity_days
        on
            parent_fuel.region_code = electricity_days.region_code
            and parent_fuel.industry_code = electricity_days.industry_code
            and parent_fuel.month_start = electricity_days.month_start
    inner join electricity_month_sums
        on
            parent_fuel.region_code = electricity_month_sums.region_code
            and parent_fuel.industry_code = electricity_month_sums.industry_code
            and parent_fuel.month_start = electricity_month_sums.month_start
    where parent_fuel.split_by_electricity = 1
    union all
    select
        parent_fuel.*,
        days.day_start,
        cast(0 as double precision) as driver,
        cast(0 as double precision) as driver_sum,
        month_day_counts.child_count
    from parent_fuel
    inner join days
        on
            parent_fuel.region_code = days.region_code
            and parent_fuel.month_start = days.month_start
    inner join month_day_counts
        on
            parent_fuel.region_code = month_day_counts.region_code
            and parent_fuel.month_start = month_day_counts.month_start
    where parent_fuel.split_by_electricity = 0
),

shares as (
    select
        region_code,
        day_start,
        industry_code,
        fuel_code,
        case
            when estimate_type = 'disaggregated'
                then {{ cascade_share('quantity', 'driver', 'driver_sum', 'child_count') }}
            when split_by_electricity = 1
                then quantity / reference_electricity * driver
            else quantity / reference_day_count
        end as quantity,
        estimate_type
    from with_siblings
),

final as (
    select
        region_code,
        day_start,
        industry_code,
        fuel_code,
        cast(quantity as double precision) as quantity,
        cast(estimate_type as {{ dbt.type_string() }}) as estimate_type
    from shares
)

select * from final{{ where_in_refresh_scope('day_start') }}

{#-
    The reconciled layer (METHOD 6, merge standard 6.2.3), in the columns of fct_emissions with
    layer 'reconciled': provinces after the temporal step (int_reconciled__province), cities
    scaled pro rata to their province where the band allowed (int_reconciled__spatial):
    months by their own factor, days by their month's, quarters and years as the sums of the
    reconciled months where the city has all of them (so C1 stays exact); counties as computed, and the nation again as the sum of its (reconciled) provinces.
-#}
{{ period_scoped_incremental(kind='reconciled') }}  {#- rebuilds only its refresh scope on an update (macros/refresh_scope.sql) -#}
with computed as (
    select * from {{ ref('int_emissions_computed') }}{{ where_in_refresh_inputs() }}
),

province as (
    select * from {{ ref('int_reconciled__province') }}{{ where_in_refresh_inputs() }}
),

spatial as (
    -- Days take their month's factor (scaled below), so the day factors are never joined:
    -- leaving them out saves grouping 5.9M rows at national scale (issue 4).
    select * from {{ ref('int_reconciled__spatial') }}
    where applied and period_type <> 'day'{{ and_in_refresh_inputs() }}
),

regions as (
    select * from {{ ref('stg_regions') }}
),

factors as (
    select
        region_code as province_code,
        period_type,
        period_start,
        sector,
        subsector,
        fuel_code,
        scope,
        max(case when measure = 'activity_quantity' then factor end) as f_activity,
        max(case when measure = 'energy_tce' then factor end) as f_tce,
        max(case when measure = 'emissions_tco2' then factor end) as f_emissions
    from spatial
    group by 1, 2, 3, 4, 5, 6, 7
),

children as (
    select
        computed.*,
        case when regions.region_level = 'city' then regions.parent_code end as province_code,
        cast({{ dbt.date_trunc('month', 'computed.period_start') }} as date) as month_start
    from computed
    inner join regions
        on computed.region_code = regions.region_code
    where computed.region_level in ('city', 'county')
),

scaled as {{ inline_cte() }} (
    -- Cascade consistency: a city's months take their own spatial factor and its days the factor
    -- of their month, so its reconciled days add up to its reconciled month exactly.
    select
        children.region_code,
        children.region_level,
        children.period_type,
        children.period_start,
        children.sector,
        children.subsector,
        children.fuel_code,
        children.scope,
        children.activity_quantity * coalesce(factors.f_activity, 1.0) as activity_quantity,
        children.energy_tce * coalesce(factors.f_tce, 1.0) as energy_tce,
        children.emissions_tco2 * coalesce(factors.f_emissions, 1.0) as emissions_tco2,
        children.method,
        children.estimate_type
    from children
    left join factors
        on
            children.province_code = factors.province_code
            and factors.period_type = case
                when children.period_type = 'day' then 'month' else children.period_type
            end
            and factors.period_start = case
                when children.period_type = 'day' then children.month_start
                else children.period_start
            end
            and children.sector = factors.sector
            and children.subsector = factors.subsector
            and children.fuel_code = factors.fuel_code
            and children.scope = factors.scope
),

month_coverage as (
    -- A city's quarters and years are the sums of its reconciled months where the city has every
    -- month of the period for that sector, so C1 holds exactly and the cities add up to their
    -- province at every level the months were scaled at.
    select
        region_code,
        sector,
        cast({{ dbt.date_trunc('quarter', 'period_start') }} as date) as quarter_start,
        cast({{ dbt.date_trunc('year', 'period_start') }} as date) as year_start,
        count(distinct period_start) as n_months
    from children
    where period_type = 'month'
    group by 1, 2, 3, 4
),

parent_periods as (
    select
        region_code,
        sector,
        'quarter' as period_type,
        quarter_start as period_start
    from month_coverage
    where n_months = 3
    union all
    select
        region_code,
        sector,
        'year',
        year_start
    from month_coverage
    group by region_code, sector, year_start  -- noqa: AM06
    having sum(n_months) = 12
),

month_sums as (
    select
        scaled.region_code,
        parent_periods.period_type,
        parent_periods.period_start,
        scaled.sector,
        scaled.subsector,
        scaled.fuel_code,
        scaled.scope,
        sum(scaled.activity_quantity) as activity_quantity,
        sum(scaled.energy_tce) as energy_tce,
        sum(scaled.emissions_tco2) as emissions_tco2
    from scaled
    inner join parent_periods
        on
            scaled.region_code = parent_periods.region_code
            and scaled.sector = parent_periods.sector
            and cast(
                case parent_periods.period_type
                    when 'quarter' then {{ dbt.date_trunc('quarter', 'scaled.period_start') }}
                    else {{ dbt.date_trunc('year', 'scaled.period_start') }}
                end as date
            ) = parent_periods.period_start
    where scaled.period_type = 'month'
    group by 1, 2, 3, 4, 5, 6, 7
),

cities as (
    select
        scaled.region_code,
        scaled.region_level,
        scaled.period_type,
        scaled.period_start,
        scaled.sector,
        scaled.subsector,
        scaled.fuel_code,
        scaled.scope,
        coalesce(month_sums.activity_quantity, scaled.activity_quantity) as activity_quantity,
        coalesce(month_sums.energy_tce, scaled.energy_tce) as energy_tce,
        coalesce(month_sums.emissions_tco2, scaled.emissions_tco2) as emissions_tco2,
        scaled.method,
        scaled.estimate_type
    from scaled
    -- month_sums has quarters and years only, so the period_type equality selects them: a
    -- condition on scaled alone here would make the left join a nested loop (issue 4).
    left join month_sums
        on
            scaled.region_code = month_sums.region_code
            and scaled.period_type = month_sums.period_type
            and scaled.period_start = month_sums.period_start
            and scaled.sector = month_sums.sector
            and scaled.subsector = month_sums.subsector
            and scaled.fuel_code = month_sums.fuel_code
            and scaled.scope = month_sums.scope
),

nation as (
    select
        nations.region_code,
        'nation' as region_level,
        province.period_type,
        province.period_start,
        province.sector,
        province.subsector,
        province.fuel_code,
        province.scope,
        sum(province.activity_quantity) as activity_quantity,
        sum(province.energy_tce) as energy_tce,
        sum(province.emissions_tco2) as emissions_tco2,
        'rollup' as method,
        {{ weakest_estimate_type('province.estimate_type') }} as estimate_type
    from province
    inner join regions as provinces on province.region_code = provinces.region_code
    inner join regions as nations
        on provinces.parent_code = nations.region_code and nations.region_level = 'nation'
    group by  -- noqa: AM06
        nations.region_code,
        province.period_type,
        province.period_start,
        province.sector,
        province.subsector,
        province.fuel_code,
        province.scope
),

unioned as (
    select * from province
    union all
    select * from cities
    union all
    select * from nation
),

final as (
    select {{ fct_emissions_columns('reconciled') }}
    from unioned
)

select * from final{{ where_in_refresh_scope() }}

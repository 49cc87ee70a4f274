{#-
    Fuel burned for power and heat of every region at year, quarter and month
    (METHOD 3 "statistical figures", models 5.2, 5.3, 5.12). Provinces: years
    from energy_balance (flows power_generation_input -> power,
    heat_supply_input -> heat), quarters and months from power_heat_inputs.
    Cities and counties: years, quarters and months from power_heat_inputs.
    A quarter (or a city year) with no rows of its own is the sum of its
    months when all of them are reported, and is not produced otherwise.
    Fuel codes electricity and heat are not burned fuels and are ignored.
-#}
with regions as (
    select
        region_code,
        region_level
    from {{ ref('stg_regions') }}
    where region_level in ('province', 'city', 'county')
),

balance as (
    select
        balance.region_code,
        regions.region_level,
        'year' as period_type,
        balance.period_start,
        case
            when balance.flow_code = 'power_generation_input' then 'power'
            else 'heat'
        end as subsector,
        balance.fuel_code,
        balance.quantity
    from {{ ref('stg_energy_balance') }} as balance
    inner join regions on balance.region_code = regions.region_code
    where
        regions.region_level = 'province'
        and balance.flow_code in ('power_generation_input', 'heat_supply_input')
        and balance.fuel_code not in ('electricity', 'heat')
),

inputs as (
    select
        inputs.region_code,
        regions.region_level,
        inputs.period_type,
        inputs.period_start,
        inputs.use as subsector,
        inputs.fuel_code,
        inputs.quantity
    from {{ ref('stg_power_heat_inputs') }} as inputs
    inner join regions on inputs.region_code = regions.region_code
    where
        inputs.fuel_code not in ('electricity', 'heat')
        and inputs.use in ('power', 'heat')
        and (
            inputs.period_type in ('quarter', 'month')
            or (inputs.period_type = 'year' and regions.region_level in ('city', 'county'))
        )
),

own_periods as (
    select distinct
        region_code,
        period_type,
        period_start
    from inputs
),

month_rows as (
    select
        region_code,
        region_level,
        period_start,
        subsector,
        fuel_code,
        quantity,
        {{ period_start_of('quarter', 'period_start') }} as quarter_start,
        {{ period_start_of('year', 'period_start') }} as year_start
    from inputs
    where period_type = 'month'
),

complete_quarters as (
    select
        region_code,
        quarter_start
    from month_rows
    group by region_code, quarter_start
    having count(distinct period_start) = 3
),

complete_years as (
    select
        region_code,
        year_start
    from month_rows
    where region_level in ('city', 'county')
    group by region_code, year_start
    having count(distinct period_start) = 12
),

quarters_from_months as (
    select
        month_rows.region_code,
        month_rows.region_level,
        'quarter' as period_type,
        month_rows.quarter_start as period_start,
        month_rows.subsector,
        month_rows.fuel_code,
        sum(month_rows.quantity) as quantity
    from month_rows
    inner join complete_quarters
        on
            month_rows.region_code = complete_quarters.region_code
            and month_rows.quarter_start = complete_quarters.quarter_start
    where
        not exists (
            select 1
            from own_periods
            where
                own_periods.region_code = month_rows.region_code
                and own_periods.period_type = 'quarter'
                and own_periods.period_start = month_rows.quarter_start
        )
    group by
        month_rows.region_code,
        month_rows.region_level,
        month_rows.quarter_start,
        month_rows.subsector,
        month_rows.fuel_code
),

city_years_from_months as (
    select
        month_rows.region_code,
        month_rows.region_level,
        'year' as period_type,
        month_rows.year_start as period_start,
        month_rows.subsector,
        month_rows.fuel_code,
        sum(month_rows.quantity) as quantity
    from month_rows
    inner join complete_years
        on
            month_rows.region_code = complete_years.region_code
            and month_rows.year_start = complete_years.year_start
    where
        not exists (
            select 1
            from own_periods
            where
                own_periods.region_code = month_rows.region_code
                and own_periods.period_type = 'year'
                and own_periods.period_start = month_rows.year_start
        )
    group by
        month_rows.region_code,
        month_rows.region_level,
        month_rows.year_start,
        month_rows.subsector,
        month_rows.fuel_code
),

unioned as (
    select * from balance
    union all
    select * from inputs
    union all
    select * from quarters_from_months
    union all
    select * from city_years_from_months
),

final as (
    select
        region_code,
        region_level,
        cast(period_type as {{ dbt.type_string() }}) as period_type,
        period_start,
        cast(subsector as {{ dbt.type_string() }}) as subsector,
        fuel_code,
        cast(sum(quantity) as double precision) as quantity
    from unioned
    group by region_code, region_level, period_type, period_start, subsector, fuel_code
)

select * from final

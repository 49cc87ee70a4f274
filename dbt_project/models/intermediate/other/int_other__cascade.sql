{#-
    The cascade of METHOD 3 for the other sectors (5.9-5.11, 5.17-5.19):
    every reported year's fuel quantity Q(s, f) and every year's heat
    consumption Heat(s) (heat_consumption year figure, reported or nowcast
    years alike: heat is cascaded, never nowcast, METHOD 8) is split year ->
    quarter -> month -> day, level by level, by the subsector's electricity
    driver (int_other__drivers) normalised over the children present
    (macro other_cascade_level / cascade_share). The year rows themselves are
    included (period_type 'year') so downstream models see one table.
-#}
{{ period_scoped_incremental(kind='other') }}  {#- rebuilds only its refresh scope on an update (macros/refresh_scope.sql) -#}
with drivers as (
    select
        region_code,
        subsector,
        period_type,
        period_start,
        driver
    from {{ ref('int_other__drivers') }}
),

years as (
    select
        region_code,
        year_start,
        year_status
    from {{ ref('int_other__years') }}
),

fuel_years as (
    select
        fuels.region_code,
        fuels.subsector,
        fuels.fuel_code,
        'direct' as scope,
        fuels.year_start as period_start,
        fuels.quantity
    from {{ ref('int_other__year_fuels') }} as fuels
    inner join years
        on
            fuels.region_code = years.region_code
            and fuels.year_start = years.year_start
    where years.year_status = 'reported'
),

heat_years as (
    select
        heat.region_code,
        heat.sector_code as subsector,
        'heat' as fuel_code,
        'indirect_heat' as scope,
        heat.period_start,
        heat.value as quantity
    from {{ ref('int_grid_figures') }} as heat
    inner join years
        on
            heat.region_code = years.region_code
            and heat.period_start = years.year_start
    where
        heat.series = 'heat'
        and heat.industry_code is null
        and heat.period_type = 'year'
        and heat.sector_code in ({{ sql_string_list(other_subsectors()) }})
),

year_rows as (
    select * from fuel_years
    union all
    select * from heat_years
),

quarter_rows as (
    {{ other_cascade_level('year_rows', 'drivers', 'quarter', 'year') }}
),

month_rows as (
    {{ other_cascade_level('quarter_rows', 'drivers', 'month', 'quarter') }}
),

day_rows as (
    {{ other_cascade_level('month_rows', 'drivers', 'day', 'month') }}
),

unioned as (
    select
        region_code,
        subsector,
        fuel_code,
        scope,
        'year' as period_type,
        period_start,
        quantity
    from year_rows
    union all
    select * from quarter_rows
    union all
    select * from month_rows
    union all
    select * from day_rows
),

final as (
    select
        region_code,
        cast(subsector as {{ dbt.type_string() }}) as subsector,
        cast(fuel_code as {{ dbt.type_string() }}) as fuel_code,
        cast(scope as {{ dbt.type_string() }}) as scope,
        cast(period_type as {{ dbt.type_string() }}) as period_type,
        period_start,
        cast(quantity as double precision) as quantity
    from unioned
)

select * from final{{ where_in_refresh_scope() }}

{#-
    C1 (METHOD 6, standard 6.4.1(2)): the sum of the children equals the parent at day -> month,
    month -> quarter and quarter -> year, for every region, sector, subsector, fuel and scope, on
    activity quantities and direct emissions. Indirect emissions use each period's own factor:
    their gap is listed with note 'factor timing' and passes (information). Objects are the
    parent periods (and child groups) of a region and sector where both levels have rows.
-#}
{{ period_scoped_incremental(kind='layered') }}  {#- rebuilds only its refresh scope on an update (macros/refresh_scope.sql) -#}
with emissions as {{ inline_cte() }} (
    select * from {{ ref('int_consistency__emissions') }}{{ where_in_refresh_inputs() }}
),

levels as (
    select
        'day' as child_type,
        'month' as parent_type
    union all
    select
        'month',
        'quarter'
    union all
    select
        'quarter',
        'year'
),

children as (
    select
        emissions.layer,
        emissions.region_code,
        levels.parent_type as period_type,
        case levels.parent_type
            when 'month' then cast({{ dbt.date_trunc('month', 'emissions.period_start') }} as date)
            when 'quarter' then cast({{ dbt.date_trunc('quarter', 'emissions.period_start') }} as date)
            else cast({{ dbt.date_trunc('year', 'emissions.period_start') }} as date)
        end as period_start,
        emissions.sector,
        emissions.subsector,
        emissions.fuel_code,
        emissions.scope,
        sum(emissions.activity_quantity) as activity_quantity,
        sum(emissions.emissions_tco2) as emissions_tco2
    from emissions
    inner join levels on emissions.period_type = levels.child_type
    group by 1, 2, 3, 4, 5, 6, 7, 8
),

parents as {{ inline_cte() }} (
    select
        layer,
        region_code,
        period_type,
        period_start,
        sector,
        subsector,
        fuel_code,
        scope,
        activity_quantity,
        emissions_tco2
    from emissions
    where period_type in ('month', 'quarter', 'year')
),

both_levels as (
    -- A region, sector and parent period is checked where both the parent and children exist.
    select distinct
        parents.layer,
        parents.region_code,
        parents.period_type,
        parents.period_start,
        parents.sector
    from parents
    inner join children
        on
            parents.layer = children.layer
            and parents.region_code = children.region_code
            and parents.period_type = children.period_type
            and parents.period_start = children.period_start
            and parents.sector = children.sector
),

objects as (
    select
        coalesce(parents.layer, children.layer) as layer,
        coalesce(parents.region_code, children.region_code) as region_code,
        coalesce(parents.period_type, children.period_type) as period_type,
        coalesce(parents.period_start, children.period_start) as period_start,
        coalesce(parents.sector, children.sector) as sector,
        coalesce(parents.subsector, children.subsector) as subsector,
        coalesce(parents.fuel_code, children.fuel_code) as fuel_code,
        coalesce(parents.scope, children.scope) as scope,
        coalesce(parents.activity_quantity, 0) as parent_activity,
        coalesce(parents.emissions_tco2, 0) as parent_emissions,
        coalesce(children.activity_quantity, 0) as child_activity,
        coalesce(children.emissions_tco2, 0) as child_emissions
    from parents
    full outer join children
        on
            parents.layer = children.layer
            and parents.region_code = children.region_code
            and parents.period_type = children.period_type
            and parents.period_start = children.period_start
            and parents.sector = children.sector
            and parents.subsector = children.subsector
            and parents.fuel_code = children.fuel_code
            and parents.scope = children.scope
),

checked as (
    select objects.*
    from objects
    inner join both_levels
        on
            objects.layer = both_levels.layer
            and objects.region_code = both_levels.region_code
            and objects.period_type = both_levels.period_type
            and objects.period_start = both_levels.period_start
            and objects.sector = both_levels.sector
),

measured as (
    select
        layer,
        region_code,
        period_type,
        period_start,
        sector,
        subsector,
        fuel_code,
        scope,
        'activity_quantity' as measure,
        parent_activity as expected,
        child_activity as observed,
        cast(null as {{ dbt.type_string() }}) as note
    from checked
    union all
    select
        layer,
        region_code,
        period_type,
        period_start,
        sector,
        subsector,
        fuel_code,
        scope,
        'emissions_tco2' as measure,
        parent_emissions as expected,
        child_emissions as observed,
        case when scope <> 'direct' then 'factor timing' end as note
    from checked
),

final as (
    select
        {{ consistency_columns('C1', 'error') }}
    from measured
)

select * from final{{ where_in_refresh_scope() }}

{#-
    C4 (METHOD 6, standard 6.4.2(2)): the sum of a province's cities vs the province, for every
    period, sector, subsector, fuel and scope, on activity and emissions, both layers; only for
    provinces that have cities and where at least one city has rows of that sector and period.
    Listed for information only (note, passing): reconciled days ('daily profile': a city's days
    follow its own daily driver within its reconciled month, so they add up to the province's
    day only as closely as the cities' daily profiles agree; the months they add up to are
    checked) and objects where either side is a nowcast ('nowcast': the standard estimates a
    city's and a province's unreported periods by different references), and objects of a
    province and period where some of its cities have no rows ('cities missing': C5 reports the
    gap; a sum over part of the cities says nothing about their consistency). Indirect
    emissions of reconciled quarters and years: a city's are the sum of its months (each with
    its month's factor), the province's use the period's own factor ('factor timing', as C1).
-#}
{{ period_scoped_incremental(kind='layered') }}  {#- rebuilds only its refresh scope on an update (macros/refresh_scope.sql) -#}
with emissions as {{ inline_cte() }} (
    select * from {{ ref('int_consistency__emissions') }}{{ where_in_refresh_scope() }}
),

regions as (
    select * from {{ ref('stg_regions') }}
),

cities as {{ inline_cte() }} (
    select
        regions.parent_code as province_code,
        emissions.*
    from emissions
    inner join regions
        on emissions.region_code = regions.region_code and regions.region_level = 'city'
),

city_sums as (
    select
        layer,
        province_code,
        period_type,
        period_start,
        sector,
        subsector,
        fuel_code,
        scope,
        sum(activity_quantity) as activity_quantity,
        sum(emissions_tco2) as emissions_tco2,
        max(case when estimate_type = 'nowcast' then 1 else 0 end) as any_nowcast
    from cities
    group by 1, 2, 3, 4, 5, 6, 7, 8
),

covered as (
    select
        layer,
        province_code,
        period_type,
        period_start,
        sector,
        count(distinct region_code) as n_cities
    from cities
    group by 1, 2, 3, 4, 5
),

city_counts as (
    -- Cities of each province: where some have no rows, C5 reports the gap, not C4.
    select
        parent_code as province_code,
        count(*) as n_cities
    from regions
    where region_level = 'city'
    group by 1
),

incomplete as (
    select
        covered.layer,
        covered.province_code,
        covered.period_type,
        covered.period_start,
        covered.sector
    from covered
    inner join city_counts on covered.province_code = city_counts.province_code
    where covered.n_cities < city_counts.n_cities
),

parents as (
    select emissions.*
    from emissions
    inner join covered
        on
            emissions.layer = covered.layer
            and emissions.region_code = covered.province_code
            and emissions.period_type = covered.period_type
            and emissions.period_start = covered.period_start
            and emissions.sector = covered.sector
    where emissions.region_level = 'province'
),

objects as (
    select
        coalesce(parents.layer, city_sums.layer) as layer,
        coalesce(parents.region_code, city_sums.province_code) as region_code,
        coalesce(parents.period_type, city_sums.period_type) as period_type,
        coalesce(parents.period_start, city_sums.period_start) as period_start,
        coalesce(parents.sector, city_sums.sector) as sector,
        coalesce(parents.subsector, city_sums.subsector) as subsector,
        coalesce(parents.fuel_code, city_sums.fuel_code) as fuel_code,
        coalesce(parents.scope, city_sums.scope) as scope,
        coalesce(parents.activity_quantity, 0) as parent_activity,
        coalesce(parents.emissions_tco2, 0) as parent_emissions,
        coalesce(city_sums.activity_quantity, 0) as child_activity,
        coalesce(city_sums.emissions_tco2, 0) as child_emissions,
        case
            when
                coalesce(parents.layer, city_sums.layer) = 'reconciled'
                and coalesce(parents.period_type, city_sums.period_type) = 'day'
                then 'daily profile'
            when parents.estimate_type = 'nowcast' or city_sums.any_nowcast = 1 then 'nowcast'
            when incomplete.province_code is not null then 'cities missing'
        end as note
    from parents
    full outer join city_sums
        on
            parents.layer = city_sums.layer
            and parents.region_code = city_sums.province_code
            and parents.period_type = city_sums.period_type
            and parents.period_start = city_sums.period_start
            and parents.sector = city_sums.sector
            and parents.subsector = city_sums.subsector
            and parents.fuel_code = city_sums.fuel_code
            and parents.scope = city_sums.scope
    left join incomplete
        on
            coalesce(parents.layer, city_sums.layer) = incomplete.layer
            and coalesce(parents.region_code, city_sums.province_code) = incomplete.province_code
            and coalesce(parents.period_type, city_sums.period_type) = incomplete.period_type
            and coalesce(parents.period_start, city_sums.period_start) = incomplete.period_start
            and coalesce(parents.sector, city_sums.sector) = incomplete.sector
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
        note
    from objects
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
        case
            when
                scope <> 'direct' and layer = 'reconciled' and period_type in ('quarter', 'year')
                then coalesce(note, 'factor timing')
            else note
        end as note
    from objects
),

final as (
    select
        {{ consistency_columns('C4', 'error') }}
    from measured
)

select * from final{{ where_in_refresh_scope() }}

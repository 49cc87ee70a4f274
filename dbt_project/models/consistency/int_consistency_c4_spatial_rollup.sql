{#-
    C4 (METHOD 6, standard 6.4.2(2)): the sum of a province's cities vs the province, for every
    period, sector, subsector, fuel and scope, on activity and emissions, both layers; only for
    provinces that have cities and where at least one city has rows of that sector and period.
-#}
with emissions as (
    select * from {{ ref('int_consistency__emissions') }}
),

regions as (
    select * from {{ ref('stg_regions') }}
),

cities as (
    select
        regions.parent_code as province_code,
        emissions.*
    from emissions
    inner join regions
        on emissions.region_code = regions.region_code and regions.region_level = 'city'
),

city_sums as (
    select
        layer, province_code, period_type, period_start, sector, subsector, fuel_code, scope,
        sum(activity_quantity) as activity_quantity,
        sum(emissions_tco2) as emissions_tco2
    from cities
    group by 1, 2, 3, 4, 5, 6, 7, 8
),

covered as (
    select distinct layer, province_code, period_type, period_start, sector
    from cities
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
        coalesce(city_sums.emissions_tco2, 0) as child_emissions
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
),

measured as (
    select
        layer, region_code, period_type, period_start, sector, subsector, fuel_code, scope,
        'activity_quantity' as measure,
        parent_activity as expected,
        child_activity as observed,
        cast(null as {{ dbt.type_string() }}) as note
    from objects
    union all
    select
        layer, region_code, period_type, period_start, sector, subsector, fuel_code, scope,
        'emissions_tco2' as measure,
        parent_emissions as expected,
        child_emissions as observed,
        cast(null as {{ dbt.type_string() }}) as note
    from objects
),

final as (
    select {{ consistency_columns('C4', 'error') }}
    from measured
)

select * from final

{#-
    Spatial step of the reconciled layer: the cities of a province vs the province's temporally
    reconciled row, for every period, sector, subsector, fuel and scope, where at least one city
    has rows of that sector and period (a sector absent from all cities is C5's concern).
-#}
{{ period_scoped_incremental(kind='reconciled') }}  {#- rebuilds only its refresh scope on an update (macros/refresh_scope.sql) -#}
with computed as (
    select * from {{ ref('int_emissions_computed') }}{{ where_in_refresh_scope() }}
),

regions as (
    select * from {{ ref('stg_regions') }}
),

province as (
    select * from {{ ref('int_reconciled__province') }}{{ where_in_refresh_scope() }}
),

cities as (
    select
        regions.parent_code as province_code,
        computed.*
    from computed
    inner join regions
        on computed.region_code = regions.region_code and regions.region_level = 'city'
),

city_sums as (
    select
        province_code,
        period_type,
        period_start,
        sector,
        subsector,
        fuel_code,
        scope,
        sum(activity_quantity) as child_activity,
        sum(energy_tce) as child_tce,
        sum(emissions_tco2) as child_emissions
    from cities
    group by 1, 2, 3, 4, 5, 6, 7
),

covered as (
    select distinct
        province_code,
        period_type,
        period_start,
        sector
    from cities
),

parents as (
    select province.*
    from province
    inner join covered
        on
            province.region_code = covered.province_code
            and province.period_type = covered.period_type
            and province.period_start = covered.period_start
            and province.sector = covered.sector
),

objects as (
    select
        coalesce(parents.region_code, city_sums.province_code) as region_code,
        coalesce(parents.period_type, city_sums.period_type) as period_type,
        coalesce(parents.period_start, city_sums.period_start) as period_start,
        coalesce(parents.sector, city_sums.sector) as sector,
        coalesce(parents.subsector, city_sums.subsector) as subsector,
        coalesce(parents.fuel_code, city_sums.fuel_code) as fuel_code,
        coalesce(parents.scope, city_sums.scope) as scope,
        coalesce(parents.activity_quantity, 0) as parent_activity,
        coalesce(parents.energy_tce, 0) as parent_tce,
        coalesce(parents.emissions_tco2, 0) as parent_emissions,
        coalesce(city_sums.child_activity, 0) as child_activity,
        coalesce(city_sums.child_tce, 0) as child_tce,
        coalesce(city_sums.child_emissions, 0) as child_emissions,
        case when parents.region_code is null then 0 else 1 end as n_complete
    from parents
    full outer join city_sums
        on
            parents.region_code = city_sums.province_code
            and parents.period_type = city_sums.period_type
            and parents.period_start = city_sums.period_start
            and parents.sector = city_sums.sector
            and parents.subsector = city_sums.subsector
            and parents.fuel_code = city_sums.fuel_code
            and parents.scope = city_sums.scope
),

measures as (
    {{ reconcile_measures("objects", "period_start") }}
),

final as (
    {{ reconcile_decide("measures", "'spatial'", "'no province row'") }}
)

select * from final{{ where_in_refresh_scope() }}

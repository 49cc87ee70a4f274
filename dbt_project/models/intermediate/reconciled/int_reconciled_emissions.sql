{#-
    The reconciled layer (METHOD 6, merge standard 6.2.3), in the columns of fct_emissions with
    layer 'reconciled': provinces after the temporal step (int_reconciled__province), cities
    scaled pro rata to their province where the band allowed (int_reconciled__spatial), counties
    as computed, and the nation again as the sum of its (reconciled) provinces.
-#}
with computed as (
    select * from {{ ref('int_emissions_computed') }}
),

province as (
    select * from {{ ref('int_reconciled__province') }}
),

spatial as (
    select * from {{ ref('int_reconciled__spatial') }}
    where applied
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
        case when regions.region_level = 'city' then regions.parent_code end as province_code
    from computed
    inner join regions
        on computed.region_code = regions.region_code
    where computed.region_level in ('city', 'county')
),

cities as (
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
            and children.period_type = factors.period_type
            and children.period_start = factors.period_start
            and children.sector = factors.sector
            and children.subsector = factors.subsector
            and children.fuel_code = factors.fuel_code
            and children.scope = factors.scope
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
        case max(
            case province.estimate_type
                when 'reported' then 1
                when 'disaggregated' then 2
                when 'imputed' then 3
                when 'nowcast' then 4
            end
        )
            when 1 then 'reported'
            when 2 then 'disaggregated'
            when 3 then 'imputed'
            else 'nowcast'
        end as estimate_type
    from province
    inner join regions as provinces on province.region_code = provinces.region_code
    inner join regions as nations
        on provinces.parent_code = nations.region_code and nations.region_level = 'nation'
    group by
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
    select
        cast(region_code as {{ dbt.type_string() }}) as region_code,
        cast(region_level as {{ dbt.type_string() }}) as region_level,
        cast(period_type as {{ dbt.type_string() }}) as period_type,
        cast(period_start as date) as period_start,
        cast(sector as {{ dbt.type_string() }}) as sector,
        cast(subsector as {{ dbt.type_string() }}) as subsector,
        cast(fuel_code as {{ dbt.type_string() }}) as fuel_code,
        cast(scope as {{ dbt.type_string() }}) as scope,
        cast('reconciled' as {{ dbt.type_string() }}) as layer,
        cast(activity_quantity as double precision) as activity_quantity,
        cast(energy_tce as double precision) as energy_tce,
        cast(emissions_tco2 as double precision) as emissions_tco2,
        cast(method as {{ dbt.type_string() }}) as method,
        cast(estimate_type as {{ dbt.type_string() }}) as estimate_type
    from unioned
)

select * from final

{#-
    C5 (METHOD 6, standard 6.4.2(1)): every city of a province (stg_regions) present in each
    source the province has rows in, per year. expected 1, observed = share of cities present:
    rel_diff is the missing share. The note names the missing cities' count. Both layers.
-#}
with regions as (
    select * from {{ ref('stg_regions') }}
),

source_rows as (
    select distinct
        'power_supply' as source_name,
        region_code,
        cast({{ dbt.date_trunc('year', 'period_start') }} as date) as year_start
    from {{ ref('stg_power_supply') }}
    union
    select distinct
        'electricity_consumption',
        region_code,
        cast({{ dbt.date_trunc('year', 'period_start') }} as date)
    from {{ ref('stg_electricity_consumption') }}
    union
    select distinct
        'heat_consumption',
        region_code,
        cast({{ dbt.date_trunc('year', 'period_start') }} as date)
    from {{ ref('stg_heat_consumption') }}
    union
    select distinct
        'power_heat_inputs',
        region_code,
        cast({{ dbt.date_trunc('year', 'period_start') }} as date)
    from {{ ref('stg_power_heat_inputs') }}
    union
    select distinct
        'industry_energy',
        region_code,
        cast({{ dbt.date_trunc('year', 'period_start') }} as date)
    from {{ ref('stg_industry_energy') }}
),

cities as (
    select
        region_code,
        parent_code as province_code
    from regions
    where region_level = 'city'
),

province_sources as (
    select
        source_rows.source_name,
        source_rows.region_code as province_code,
        source_rows.year_start
    from source_rows
    inner join regions
        on source_rows.region_code = regions.region_code and regions.region_level = 'province'
),

objects as (
    select
        province_sources.source_name,
        province_sources.province_code,
        province_sources.year_start,
        cast(count(*) as double precision) as n_cities,
        cast(
            sum(case when source_rows.region_code is null then 0 else 1 end)
            as double precision
        ) as n_present,
        {{ dbt.listagg('case when source_rows.region_code is null then cities.region_code end', "' '") }}
            as missing_cities
    from province_sources
    inner join cities on province_sources.province_code = cities.province_code
    left join source_rows
        on
            province_sources.source_name = source_rows.source_name
            and cities.region_code = source_rows.region_code
            and province_sources.year_start = source_rows.year_start
    group by 1, 2, 3
),

layers as (
    select 'computed' as layer
    union all
    select 'reconciled'
),

measured as (
    select
        layers.layer,
        objects.province_code as region_code,
        'year' as period_type,
        objects.year_start as period_start,
        cast(null as {{ dbt.type_string() }}) as sector,
        objects.source_name as subsector,
        cast(null as {{ dbt.type_string() }}) as fuel_code,
        cast(null as {{ dbt.type_string() }}) as scope,
        'cities' as measure,
        1.0 as expected,
        objects.n_present / objects.n_cities as observed,
        {{ dbt.concat(["'source '", 'objects.source_name', "': '",
            'cast(cast(objects.n_cities - objects.n_present as integer) as ' ~ dbt.type_string() ~ ')',
            "' of '", 'cast(cast(objects.n_cities as integer) as ' ~ dbt.type_string() ~ ')',
            "' cities missing'", "coalesce(' ' || objects.missing_cities, '')"]) }} as note
    from objects
    cross join layers
),

final as (
    select
        {{ consistency_columns('C5', 'error') }}
    from measured
)

select * from final

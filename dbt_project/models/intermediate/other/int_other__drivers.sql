{#-
    Driver of the other-sector cascade and nowcast (METHOD 3 and 4, 5.9-5.11,
    5.17-5.19): the grid electricity Elec(s) of each subsector, region and
    period (int_grid_figures, industry_code empty).

    Where the grid data do not split the subsectors for a region, every
    subsector takes the whole `other` sector figure instead. Detection is per
    region: a region splits when int_grid_figures has at least one
    electricity figure of any of the five subsector codes for it (any period
    type, any year); otherwise it uses sector_code `other`. Deciding per
    region (not per year) keeps a nowcast's reference-year driver and its
    child drivers on the same basis. driver_sector says which figure was used.
-#}
{{ period_scoped_incremental(kind='other') }}  {#- rebuilds only its refresh scope on an update (macros/refresh_scope.sql) -#}
with regions as (
    select
        region_code,
        region_level
    from {{ ref('stg_regions') }}
    where region_level in ('province', 'city', 'county')
),

electricity as (
    select
        region_code,
        sector_code,
        period_type,
        period_start,
        value
    from {{ ref('int_grid_figures') }}
    where
        series = 'electricity'
        and industry_code is null
        and sector_code in ({{ sql_string_list(other_subsectors() + ['other']) }})
),

splitting_regions as (
    select distinct region_code
    from electricity
    where sector_code <> 'other'
),

subsectors as (
    {% for subsector in other_subsectors() -%}
        select '{{ subsector }}' as subsector
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

subsector_figures as (
    select
        electricity.region_code,
        electricity.sector_code as subsector,
        electricity.period_type,
        electricity.period_start,
        electricity.value as driver,
        electricity.sector_code as driver_sector
    from electricity
    inner join splitting_regions
        on electricity.region_code = splitting_regions.region_code
    where electricity.sector_code <> 'other'
),

whole_sector_figures as (
    select
        electricity.region_code,
        subsectors.subsector,
        electricity.period_type,
        electricity.period_start,
        electricity.value as driver,
        electricity.sector_code as driver_sector
    from electricity
    cross join subsectors
    where
        electricity.sector_code = 'other'
        and electricity.region_code not in (select region_code from splitting_regions)
),

figures as (
    select * from subsector_figures
    union all
    select * from whole_sector_figures
),

final as (
    select
        figures.region_code,
        regions.region_level,
        cast(figures.subsector as {{ dbt.type_string() }}) as subsector,
        figures.period_type,
        figures.period_start,
        {{ period_start_of('year', 'figures.period_start') }} as year_start,
        cast(figures.driver as double precision) as driver,
        cast(figures.driver_sector as {{ dbt.type_string() }}) as driver_sector
    from figures
    inner join regions
        on figures.region_code = regions.region_code
)

select * from final{{ where_in_refresh_scope() }}

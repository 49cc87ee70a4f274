{#- Helpers of the other-sector models (models/intermediate/other/). -#}

{#- The subsectors of sector `other` (METHOD 2); also the energy_balance flows and grid sector codes. -#}
{% macro other_subsectors() -%}
    {{ return(['agriculture', 'construction', 'transport', 'commercial', 'residential']) }}
{%- endmacro %}

{#- `'a', 'b', ...` for an `in (...)` list. -#}
{% macro sql_string_list(values) -%}
    {%- for value in values -%}'{{ value }}'{{ ', ' if not loop.last }}{%- endfor -%}
{%- endmacro %}

{#-
    One level of the cascade of METHOD 3: every row of `parents` (region_code,
    subsector, fuel_code, scope, period_start, quantity; all of one period
    type, `parent_grain`) is split over its child periods of type
    `child_period_type` found in `drivers` (region_code, subsector,
    period_type, period_start, driver). The children present are the child
    periods with a driver figure; shares come from cascade_share, so the
    children of a parent add up to it exactly. A parent with no child present
    has no children (rule C2 reports the gap).
-#}
{% macro other_cascade_level(parents, drivers, child_period_type, parent_grain) -%}
    select
        parents.region_code,
        parents.subsector,
        parents.fuel_code,
        parents.scope,
        '{{ child_period_type }}' as period_type,
        children.period_start,
        {{ cascade_share(
            'parents.quantity', 'children.driver', 'siblings.driver_sum', 'siblings.child_count'
        ) }} as quantity
    from {{ parents }} as parents
    inner join (
        select
            region_code,
            subsector,
            period_start,
            driver,
            {{ period_start_of(parent_grain, 'period_start') }} as parent_start
        from {{ drivers }}
        where period_type = '{{ child_period_type }}' and driver is not null
    ) as children
        on
            parents.region_code = children.region_code
            and parents.subsector = children.subsector
            and parents.period_start = children.parent_start
    inner join (
        select
            region_code,
            subsector,
            {{ period_start_of(parent_grain, 'period_start') }} as parent_start,
            sum(driver) as driver_sum,
            count(*) as child_count
        from {{ drivers }}
        where period_type = '{{ child_period_type }}' and driver is not null
        group by region_code, subsector, {{ period_start_of(parent_grain, 'period_start') }}
    ) as siblings
        on
            children.region_code = siblings.region_code
            and children.subsector = siblings.subsector
            and children.parent_start = siblings.parent_start
{%- endmacro %}

{#-
    The rows of one of the standard's other-sector models: int_other__emissions
    cut to a region level group and a period type, in the common output shape
    of docs/architecture.md, with the model number as `method`.
-#}
{% macro other_model_rows(region_levels, period_type, method) -%}
with emissions as (
    select * from {{ ref('int_other__emissions') }}
),

final as (
    select
        region_code,
        period_type,
        period_start,
        sector,
        subsector,
        fuel_code,
        scope,
        activity_quantity,
        energy_tce,
        emissions_tco2,
        cast('{{ method }}' as {{ dbt.type_string() }}) as method,
        estimate_type
    from emissions
    where
        region_level in ({{ sql_string_list(region_levels) }})
        and period_type = '{{ period_type }}'
)

select * from final
{%- endmacro %}

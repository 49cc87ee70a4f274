{#- Shared pieces of the two layers of fct_emissions (computed and reconciled). -#}

{#- The weakest estimate type among rows summed into one (nation = sum of provinces):
    any nowcast makes the sum a nowcast, else imputed, else disaggregated, else reported. -#}
{% macro weakest_estimate_type(column) -%}
    case max(
        case {{ column }}
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
    end
{%- endmacro %}

{#- The published columns of fct_emissions, typed, for a layer. -#}
{% macro fct_emissions_columns(layer) -%}
    cast(region_code as {{ dbt.type_string() }}) as region_code,
    {{ fixed_domain('region_level', 'region_level') }} as region_level,
    {{ fixed_domain('period_type', 'period_type') }} as period_type,
    cast(period_start as date) as period_start,
    {{ fixed_domain('sector', 'sector') }} as sector,
    cast(subsector as {{ dbt.type_string() }}) as subsector,
    cast(fuel_code as {{ dbt.type_string() }}) as fuel_code,
    {{ fixed_domain('scope', 'scope') }} as scope,
    {{ fixed_domain("'" ~ layer ~ "'", 'layer') }} as layer,
    cast(activity_quantity as double precision) as activity_quantity,
    cast(energy_tce as double precision) as energy_tce,
    cast(emissions_tco2 as double precision) as emissions_tco2,
    cast(method as {{ dbt.type_string() }}) as method,
    {{ fixed_domain('estimate_type', 'estimate_type') }} as estimate_type
{%- endmacro %}

{#- A column of fct_emissions whose values are a fixed list (var fixed_domains, the values of
    CONTRACT.md), typed. On DuckDB an ENUM of those values: a one-byte code per row instead of
    a string, which takes a third to a half less time to write for the two layers and
    their published copy (issue 4, docs/architecture.md); a value outside the list stops the
    model with DuckDB's conversion error naming it. Elsewhere a string (BI tools and other
    adapters see text; the accepted_values tests check the list). -#}
{% macro fixed_domain(expression, column) -%}
    {{ return(adapter.dispatch('fixed_domain', 'carbon')(expression, column)) }}
{%- endmacro %}

{% macro default__fixed_domain(expression, column) -%}
    cast({{ expression }} as {{ dbt.type_string() }})
{%- endmacro %}

{% macro duckdb__fixed_domain(expression, column) -%}
    {%- set values = var('fixed_domains')[column] -%}
    cast({{ expression }} as enum(
        {%- for value in values %}'{{ value }}'{{ ', ' if not loop.last }}{% endfor -%}
    ))
{%- endmacro %}

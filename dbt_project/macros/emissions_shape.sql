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
    cast(region_level as {{ dbt.type_string() }}) as region_level,
    cast(period_type as {{ dbt.type_string() }}) as period_type,
    cast(period_start as date) as period_start,
    cast(sector as {{ dbt.type_string() }}) as sector,
    cast(subsector as {{ dbt.type_string() }}) as subsector,
    cast(fuel_code as {{ dbt.type_string() }}) as fuel_code,
    cast(scope as {{ dbt.type_string() }}) as scope,
    cast('{{ layer }}' as {{ dbt.type_string() }}) as layer,
    cast(activity_quantity as double precision) as activity_quantity,
    cast(energy_tce as double precision) as energy_tce,
    cast(emissions_tco2 as double precision) as emissions_tco2,
    cast(method as {{ dbt.type_string() }}) as method,
    cast(estimate_type as {{ dbt.type_string() }}) as estimate_type
{%- endmacro %}

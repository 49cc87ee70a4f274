{#- Thresholds of the consistency rules (expectations/thresholds.yml, passed by Python as vars;
    dbt_project.yml holds the standard's defaults so that a bare `dbt parse` works). -#}

{% macro consistency_threshold(rule) -%}
    {%- set thresholds = var('consistency_thresholds') -%}
    {%- if rule not in thresholds -%}
        {{ exceptions.raise_compiler_error("consistency_threshold: no threshold for rule " ~ rule) }}
    {%- endif -%}
    cast({{ thresholds[rule] }} as double precision)
{%- endmacro %}

{% macro reconcile_band() -%}
    cast({{ var('reconcile_band') }} as double precision)
{%- endmacro %}

{% macro scorecard_target(metric) -%}
    {%- set targets = var('scorecard_targets') -%}
    {%- if metric not in targets -%}
        {{ exceptions.raise_compiler_error("scorecard_target: no target for " ~ metric) }}
    {%- endif -%}
    cast({{ targets[metric] }} as double precision)
{%- endmacro %}

{#- |observed - expected| / |expected|; 0 when both are 0; NULL-safe (a missing side counts 0). -#}
{% macro rel_diff(expected, observed) -%}
    case
        when coalesce({{ expected }}, 0) = 0 and coalesce({{ observed }}, 0) = 0 then 0.0
        when coalesce({{ expected }}, 0) = 0 then null
        else abs(coalesce({{ observed }}, 0) - coalesce({{ expected }}, 0))
            / abs(coalesce({{ expected }}, 0))
    end
{%- endmacro %}

{#- The columns of rpt_consistency, in order, from a CTE that has them under these names. -#}
{% macro consistency_columns(rule, severity) -%}
    cast('{{ run_var('build_id') }}' as {{ dbt.type_string() }}) as check_run,
    cast('{{ rule }}' as {{ dbt.type_string() }}) as rule,
    cast(layer as {{ dbt.type_string() }}) as layer,
    cast(region_code as {{ dbt.type_string() }}) as region_code,
    cast(period_type as {{ dbt.type_string() }}) as period_type,
    cast(period_start as date) as period_start,
    cast(sector as {{ dbt.type_string() }}) as sector,
    cast(subsector as {{ dbt.type_string() }}) as subsector,
    cast(fuel_code as {{ dbt.type_string() }}) as fuel_code,
    cast(scope as {{ dbt.type_string() }}) as scope,
    cast(measure as {{ dbt.type_string() }}) as measure,
    cast({{ dbt.concat([
        "coalesce(region_code, '')", "'|'", "coalesce(period_type, '')", "'|'",
        "coalesce(cast(period_start as " ~ dbt.type_string() ~ "), '')", "'|'",
        "coalesce(sector, '')", "'|'", "coalesce(subsector, '')", "'|'",
        "coalesce(fuel_code, '')", "'|'", "coalesce(scope, '')"
    ]) }} as {{ dbt.type_string() }}) as object_key,
    cast(expected as double precision) as expected,
    cast(observed as double precision) as observed,
    cast({{ rel_diff('expected', 'observed') }} as double precision) as rel_diff,
    {{ consistency_threshold(rule) }} as threshold,
    {%- if severity == 'warn' %}
    coalesce({{ rel_diff('expected', 'observed') }} <= {{ consistency_threshold(rule) }}, true)
        as passed,
    {%- else %}
    coalesce(
        {{ rel_diff('expected', 'observed') }} <= {{ consistency_threshold(rule) }}, false
    ) or coalesce(
        note in ('factor timing', 'daily profile', 'nowcast', 'cities missing'), false
    ) as passed,
    {%- endif %}
    cast('{{ severity }}' as {{ dbt.type_string() }}) as severity,
    cast(note as {{ dbt.type_string() }}) as note,
    {#- Reported for information only (METHOD 6: factor timing and the like): the threshold
        does not apply, so the GX suites leave these rows out of their rel_diff check. #}
    coalesce(
        note in ('factor timing', 'daily profile', 'nowcast', 'cities missing'), false
    ) as informational
{%- endmacro %}

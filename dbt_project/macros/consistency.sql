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

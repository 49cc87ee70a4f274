{#-
    A per-run value (build_id, refresh_from, refresh_grid_only, refresh_statistics_only): the
    environment variable CARBON_<NAME> when it is set and not empty, else var(name, default).

    Why not --vars alone: dbt re-parses the whole project (about 3.5 s) whenever the --vars of
    a call differ from the last call's, and the build id differs on every run (issue 4). The
    pipeline (orchestration/pipeline.py, dbt_run_env) passes these values in the environment
    instead, and this macro reads them only while executing: a call of env_var() while parsing
    would make dbt re-parse every file that uses it whenever the value changes. By hand,
    `dbt build --vars '{refresh_from: "2024-12-31"}'` still works.
-#}
{% macro run_var(name, default=none) -%}
    {%- if execute -%}
        {%- set value = env_var('CARBON_' ~ (name | upper), '') -%}
        {%- if value != '' -%}
            {{ return(value) }}
        {%- endif -%}
    {%- endif -%}
    {{ return(var(name, default)) }}
{%- endmacro %}

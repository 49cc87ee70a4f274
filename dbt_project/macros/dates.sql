{#- Portable date helpers (DuckDB, PostgreSQL; Spark/Trino have the same dbt macros). -#}

{% macro year_start(year_column) -%}
    cast({{ dbt.concat(["cast(" ~ year_column ~ " as " ~ dbt.type_string() ~ ")", "'-01-01'"]) }} as date)
{%- endmacro %}

{% macro period_start_of(grain, date_column) -%}
    cast({{ dbt.date_trunc(grain, date_column) }} as date)
{%- endmacro %}

{% macro add_days(n, date_column) -%}
    cast({{ dbt.dateadd('day', n, date_column) }} as date)
{%- endmacro %}

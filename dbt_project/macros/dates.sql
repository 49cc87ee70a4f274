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

{#- Number of days of a month, quarter or year (a column naming the type) from its first day. -#}
{% macro period_days(period_type, period_start) -%}
    case {{ period_type }}
        when 'month' then {{ dbt.datediff(period_start, dbt.dateadd('month', 1, period_start), 'day') }}
        when 'quarter' then {{ dbt.datediff(period_start, dbt.dateadd('month', 3, period_start), 'day') }}
        else {{ dbt.datediff(period_start, dbt.dateadd('year', 1, period_start), 'day') }}
    end
{%- endmacro %}

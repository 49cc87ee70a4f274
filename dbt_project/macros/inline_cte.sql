{#-
    `with name as {{ inline_cte() }} (...)`: a CTE that only reads or joins large tables and is
    referenced more than once. DuckDB (1.5) materializes such a CTE by default, writing every
    row of it before the query goes on: at national scale the 54 M rows of both layers'
    emissions, spilled to disk. Inlined, each reference scans the tables with its own filters
    and columns. National scale, one query each (issue 4): C4 50 s -> 14 s (emissions and
    cities inlined), C1 27 s -> 12 s (emissions, parents), int_reconciled_emissions 28.5 s ->
    20.6 s (scaled). Not everywhere: inlining the cities of int_reconciled__spatial made it
    slower (10.5 s -> 14.8 s), so each use was measured. PostgreSQL and the other adapters plan
    as they always did.
-#}
{% macro inline_cte() -%}
    {{ return(adapter.dispatch('inline_cte', 'carbon')()) }}
{%- endmacro %}

{% macro default__inline_cte() -%}
{%- endmacro %}

{% macro duckdb__inline_cte() -%}
    not materialized
{%- endmacro %}

{#-
    Incremental refresh of the period-keyed models (issue 4, docs/architecture.md).

    A build may name the first day whose landing data changed, var `refresh_from`
    ('YYYY-MM-DD'; Dagster passes it from the update run, `carbon update` from the files it
    loaded). The models of `period_scoped_incremental()` then rebuild only the rows of the
    refresh scope: every period that starts on or after 1 January of that day's year. Earlier
    rows stay as they are.

    Why the year and not just the day: within a year the method couples the periods. The
    other sectors' days are Q(year) * D(day) / D(year) with D(year) summed over all of the
    year's days (METHOD 3), a reported month's days share its figure, nowcast months, quarters
    and years are sums of their days, and the derived factors of a quarter or a year use the
    electricity of all of its days. No row of an earlier year reads a later one (references
    and nowcasts look back, C7 compares with the previous year), so rebuilding from the year's
    first day on is exact: tests/test_incremental.py compares it with a full build.

    Without `refresh_from` a model is built whole: `carbon build` passes --full-refresh, and an
    incremental run without the var replaces every row.
-#}

{% macro refresh_scope_start() -%}
    {%- set day = var('refresh_from', none) -%}
    {%- if day is none or day == '' -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set text = day | string -%}
    {%- if not modules.re.match('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', text) -%}
        {{ exceptions.raise_compiler_error("var refresh_from must be a day 'YYYY-MM-DD', got '" ~ text ~ "'") }}
    {%- endif -%}
    {{ return(text[:4] ~ '-01-01') }}
{%- endmacro %}

{#- The predicate of the rows an incremental run replaces (true for every row without the var). -#}
{% macro in_refresh_scope(column='period_start') -%}
    {%- set start = refresh_scope_start() -%}
    {%- if start is none -%}
        1 = 1
    {%- else -%}
        {{ column }} >= cast('{{ start }}' as date)
    {%- endif -%}
{%- endmacro %}

{#- The filter of a model's final select: the scope on an incremental run, nothing otherwise. -#}
{% macro where_in_refresh_scope(column='period_start') -%}
    {%- if is_incremental() %}
    where {{ in_refresh_scope(column) }}
    {%- endif -%}
{%- endmacro %}

{#-
    Config of a period-keyed model: incremental, appending the rows of the scope after a
    pre-hook deleted them. delete + append rather than merge: a row that no longer exists
    (a nowcast replaced by a reported figure, a region's day withdrawn) must disappear, and
    both statements are plain SQL on every adapter.
-#}
{% macro period_scoped_incremental(column='period_start') -%}
    {{ config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook=["{% if is_incremental() %}delete from {{ this }} where {{ in_refresh_scope('" ~ column ~ "') }}{% endif %}"],
    ) }}
{%- endmacro %}

{#-
    Data tests of an update check the rows the update rebuilt: dbt's wrapper of a tested
    relation (the global macro of the same name, which applies a test's `where` config) also
    restricts a relation with a period_start (or day_start) column to the refresh scope. The
    rows outside it are those an earlier build tested and this one left as they were.
-#}
{% macro get_where_subquery(relation) -%}
    {%- set clauses = [] -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {%- do clauses.append('(' ~ where ~ ')') -%}
    {%- endif -%}
    {%- if execute and refresh_scope_start() is not none and relation is not string -%}
        {%- set names = adapter.get_columns_in_relation(relation) | map(attribute='name') | map('lower') | list -%}
        {%- for column in ['period_start', 'day_start'] if column in names -%}
            {%- if loop.first -%}
                {%- do clauses.append(in_refresh_scope(column)) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if clauses -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ clauses | join(' and ') }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}

{#-
    Incremental refresh of the period-keyed models (issue 4, docs/architecture.md).

    A build may name a day in var `refresh_from` ('YYYY-MM-DD'): `carbon update` passes the
    first day whose landing data changed, as 1 January of its year
    (orchestration/ingest/changes.py); a run launched from the Dagster UI may name any day.
    The refresh scope is every period from 1 January of that day's year on, whatever the
    day: the models of `period_scoped_incremental()` rebuild only those rows, and earlier
    rows stay as they are.

    Why the year: within a year the method couples every day to the year. The other sectors'
    days, their heat included, are Q(year) * D(day) / D(year) with D(year) summed over all of
    the year's days, reported year or nowcast; a reported month's days share its figure;
    nowcast months, quarters and years are sums of their days. A month scope was tried and
    tests/test_incremental.py caught January's heat rows moving when a December day arrived.
    No row of an earlier year reads a later one (references and nowcasts look back, C7
    compares with the previous year), so rebuilding from 1 January on is exact; the test
    compares an updated warehouse with a full build, row by row.

    As the scope starts on 1 January, the rows a model replaces and the rows the models that
    sum or scale within a year read (the nation rollup, the reconciled layer, C1, C4) are the
    same: every period that starts on or after it, of any period type.

    Without `refresh_from` a model is built whole: `carbon build` passes --full-refresh.
-#}

{#- 1 January of the year of var `refresh_from` ('YYYY-01-01'), or none without the var. -#}
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

{#-
    The predicate of the rows of the refresh scope (true for every row without the var): the
    periods, or days of a day-keyed table, that start on or after the scope start.
-#}
{% macro in_refresh_scope(column='period_start') -%}
    {%- set start = refresh_scope_start() -%}
    {%- if start is none -%}
        1 = 1
    {%- else -%}
        {{ column }} >= cast('{{ start }}' as date)
    {%- endif -%}
{%- endmacro %}

{#- The rows an update's within-year models read: the scope's year on (= the scope). -#}
{% macro in_refresh_inputs(column='period_start') -%}
    {{ return(in_refresh_scope(column)) }}
{%- endmacro %}

{#- The filter of a model's final select: the scope on an incremental run, nothing otherwise. -#}
{% macro where_in_refresh_scope(column='period_start') -%}
    {%- if is_scoped_refresh() %}
    where {{ in_refresh_scope(column) }}
    {%- endif -%}
{%- endmacro %}

{#- The input filter of the within-year models (a where clause, or a condition to add). -#}
{% macro where_in_refresh_inputs(column='period_start') -%}
    {%- if is_scoped_refresh() %}
    where {{ in_refresh_inputs(column) }}
    {%- endif -%}
{%- endmacro %}

{% macro and_in_refresh_inputs(column='period_start') -%}
    {%- if is_scoped_refresh() %} and {{ in_refresh_inputs(column) }}{% endif -%}
{%- endmacro %}

{#-
    Config of a period-keyed model: materialization `period_scoped`
    (macros/materializations/period_scoped.sql), which on an update deletes the rows of the
    scope and inserts the model's rows of the scope in one transaction. delete + insert rather
    than merge: a row that no longer exists (a nowcast replaced by a reported figure, a
    region's day withdrawn) must disappear, and both statements are plain SQL on every adapter.
-#}
{% macro period_scoped_incremental(column='period_start') -%}
    {{ config(materialized='period_scoped', scope_column=column) }}
{%- endmacro %}

{#-
    True while a period-scoped model builds only its refresh scope: an update (var
    `refresh_from`), not --full-refresh, and the model's table exists (what dbt's
    is_incremental() says for an incremental model).
-#}
{% macro is_scoped_refresh() -%}
    {%- if not execute or refresh_scope_start() is none or should_full_refresh() -%}
        {{ return(false) }}
    {%- endif -%}
    {%- if model.config.materialized != 'period_scoped' -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set relation = adapter.get_relation(this.database, this.schema, this.table) -%}
    {{ return(relation is not none and relation.type == 'table') }}
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
        {%- if 'period_start' in names and 'period_type' in names -%}
            {%- do clauses.append(in_refresh_scope('period_start')) -%}
        {%- elif 'day_start' in names -%}
            {%- do clauses.append(in_refresh_scope('day_start')) -%}
        {%- endif -%}
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

{#-
    Incremental refresh of the period-keyed models (issue 4, docs/architecture.md).

    A build may name a day in var `refresh_from` ('YYYY-MM-DD'): `carbon update` passes the
    first day whose landing data changed (orchestration/ingest/changes.py), and var
    `refresh_grid_only` when all of them are grid data, `refresh_statistics_only` when all of
    them are statistics; a run launched from the Dagster UI may name any day.
    The refresh scope is every period from 1 January of that day's year on, whatever the
    day: the models of `period_scoped_incremental()` rebuild only those rows, and earlier
    rows stay as they are. After grid data only, energy and industry narrow this to the day's
    month; after statistics only, the computed layer does (see `in_refresh_scope`).

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
    {%- set day = run_var('refresh_from') -%}
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
    True when var `refresh_grid_only` is set on an update: every changed landing file is grid
    data (power_supply, electricity_consumption, heat_consumption; `carbon update` decides,
    orchestration/ingest/changes.py). Energy and industry then rebuild from the month of
    `refresh_from` on, the other sectors from 1 January (see `in_refresh_scope`).
-#}
{% macro refresh_grid_only() -%}
    {%- set flag = run_var('refresh_grid_only', false) -%}
    {{ return(refresh_scope_start() is not none and (flag | string | lower) in ('true', '1')) }}
{%- endmacro %}

{#-
    True when var `refresh_statistics_only` is set on an update (and not `refresh_grid_only`):
    every changed landing file is statistics (power_heat_inputs, industry_energy,
    industry_value_added; orchestration/ingest/changes.py). The computed layer then rebuilds
    from the month of `refresh_from` on, the reconciled layer from 1 January (see
    `in_refresh_scope`).
-#}
{% macro refresh_statistics_only() -%}
    {%- set flag = run_var('refresh_statistics_only', false) -%}
    {{ return(refresh_scope_start() is not none and not refresh_grid_only() and (flag | string | lower) in ('true', '1')) }}
{%- endmacro %}

{#- The first day of the month of var `refresh_from` ('YYYY-MM-01'), or none without the var. -#}
{% macro refresh_month_start() -%}
    {%- set start = refresh_scope_start() -%}
    {{ return(none if start is none else (run_var('refresh_from') | string)[:7] ~ '-01') }}
{%- endmacro %}

{#-
    The predicate of the rows of the refresh scope (true for every row without the var). `kind`
    says how the model's rows depend on the changed days (default: the model's config
    `scope_kind`, set by `period_scoped_incremental`, else 'year'):

    - 'year': every period that starts on or after 1 January of the scope's year. Exact for any
      change: within a year the method couples every day to the year (the other sectors'
      days, their heat included, are Q(year) * D(day) / D(year)).
    - 'period' (rows with a period_type) and 'day' (day-keyed rows): after a change of grid data
      only (`refresh_grid_only`), the periods that end on or after the first day of the month
      of `refresh_from`: that month and the later ones, and the quarter and year containing it.
      Energy and industry use grid figures only as drivers within a month (5.4, 5.7, 5.13,
      5.15: a reported month's days share the month's fuel, a nowcast day scales an earlier
      month's ratio), as the derived factors of their own period, and as sums of days; nothing
      earlier than the month reads a later day. After statistics only: the same periods (see
      below). After any other change: as 'year'.
    - 'sector': the computed layer's rows of every sector: after grid data only, energy and
      industry as 'period' and the others as 'year'; after statistics only, all as 'period'.
    - 'reconciled': the reconciled layer's rows of every sector: as 'sector' after grid data
      only, as 'year' otherwise (a month of statistics can complete a year).
    - 'layered': rows of both layers (column `layer`): computed rows as 'sector', reconciled
      rows as 'reconciled'.
    - 'other': rows of the other sectors alone: as 'year' after grid data, as 'period' after
      statistics.
    - 'c7': as 'year', and the days from 15 days before 1 January: C7 judges a day against the
      same weekday one and two weeks after it and the levels of the adjacent days, so a changed
      day also moves the checks of the 15 days before it.

    After statistics only (`refresh_statistics_only`), 'period', 'day' and 'sector' rows, and
    the computed rows of 'layered', are the periods that end on or after the first day of the
    month of `refresh_from`, as 'period' after grid data. The computed layer uses a period's
    statistics for that period (5.3, 5.6, 5.12, 5.14 and the derived factors of 5.2/5.3, which
    the indirect rows of every sector apply; later periods without a factor fall back to it)
    and as the reference of later nowcasts (5.4, 5.7, 5.13, 5.15), never for an earlier
    period. The other sectors' own figures (Q(year), D(day)) do not read statistics; only the
    calendar's bounds do, and a statistics row of a new year moves them from that year on.

    Each predicate starts with `column >= <a date>`, which lets DuckDB skip whole row groups.
-#}
{% macro in_refresh_scope(column='period_start', kind=none) -%}
    {%- set start = refresh_scope_start() -%}
    {%- set kind = kind or model.config.get('scope_kind') or 'year' -%}
    {%- if start is none -%}
        1 = 1
    {%- elif kind == 'c7' -%}
        {%- set margin = modules.datetime.date(start[:4] | int, 1, 1) - modules.datetime.timedelta(days=15) -%}
        ({{ column }} >= cast('{{ start }}' as date) or (period_type = 'day' and {{ column }} >= cast('{{ margin.isoformat() }}' as date)))
    {%- elif kind == 'year' or not (refresh_grid_only() or refresh_statistics_only()) -%}
        {{ column }} >= cast('{{ start }}' as date)
    {%- elif kind == 'reconciled' and refresh_statistics_only() -%}
        {{ column }} >= cast('{{ start }}' as date)
    {%- elif kind == 'other' and not refresh_statistics_only() -%}
        {{ column }} >= cast('{{ start }}' as date)
    {%- else -%}
        {%- set month = refresh_month_start() -%}
        {%- set quarter_month = ((month[5:7] | int - 1) // 3) * 3 + 1 -%}
        {%- set quarter = month[:5] ~ '%02d' % quarter_month ~ '-01' -%}
        {%- if kind == 'day' -%}
            {%- set from_month = column ~ " >= cast('" ~ month ~ "' as date)" -%}
        {%- else -%}
            {%- set from_month -%}
                {{ column }} >= case
                    when period_type = 'year' then cast('{{ start }}' as date)
                    when period_type = 'quarter' then cast('{{ quarter }}' as date)
                    else cast('{{ month }}' as date)
                end
            {%- endset -%}
        {%- endif -%}
        {%- if kind == 'layered' and refresh_statistics_only() -%}
            {{ column }} >= cast('{{ start }}' as date) and (coalesce(layer, '') <> 'computed' or {{ from_month }})
        {%- elif kind in ('sector', 'layered', 'reconciled') and not refresh_statistics_only() -%}
            {{ column }} >= cast('{{ start }}' as date) and (coalesce(sector, '') not in ('energy', 'industry') or {{ from_month }})
        {%- elif kind in ('period', 'day', 'sector', 'other') -%}
            {{ column }} >= cast('{{ start }}' as date) and {{ from_month }}
        {%- else -%}
            {{ exceptions.raise_compiler_error("unknown refresh scope kind '" ~ kind ~ "'") }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#- The rows an update's within-year models read: the scope's year on (= the scope). -#}
{% macro in_refresh_inputs(column='period_start') -%}
    {{ return(in_refresh_scope(column, 'year')) }}
{%- endmacro %}

{#- The filter of a model's final select: the scope on an incremental run, nothing otherwise. -#}
{% macro where_in_refresh_scope(column='period_start', kind=none) -%}
    {%- if is_scoped_refresh() %}
    where {{ in_refresh_scope(column, kind) }}
    {%- endif -%}
{%- endmacro %}

{#- The same as a condition to add to a where clause. -#}
{% macro and_in_refresh_scope(column='period_start', kind=none) -%}
    {%- if is_scoped_refresh() %} and {{ in_refresh_scope(column, kind) }}{% endif -%}
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
{% macro period_scoped_incremental(column='period_start', kind='year') -%}
    {{ config(materialized='period_scoped', scope_column=column, scope_kind=kind) }}
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
        {#- The tested model's scope kind (its config `scope_kind`), so that the test reads the
            rows the update rebuilt: no fewer, and after grid data no more. -#}
        {%- set found = namespace(kind='year') -%}
        {%- for node in graph.nodes.values() -%}
            {%- if node.resource_type == 'model' and (node.alias or node.name) | lower == relation.identifier | lower -%}
                {%- set found.kind = node.config.get('scope_kind') or 'year' -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if 'period_start' in names and 'period_type' in names -%}
            {%- do clauses.append(in_refresh_scope('period_start', found.kind)) -%}
        {%- elif 'day_start' in names -%}
            {%- do clauses.append(in_refresh_scope('day_start', found.kind if found.kind in ('day', 'year') else 'year')) -%}
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

{#-
    Materialization of the period-keyed models (`period_scoped_incremental()`,
    macros/refresh_scope.sql; issue 4).

    A full build (no var `refresh_from`, or --full-refresh, or no table yet) builds the table
    whole, as dbt's `table` materialization does: into an intermediate relation, renamed over the
    old one. An update deletes the rows of its refresh scope and inserts the model's rows in the
    same transaction: `delete ...; insert into <model> select ... from (<model sql>)`.

    Why not dbt's `incremental`: it first writes the new rows into a temporary table and then
    copies them into the model. At national scale a year of a model is millions of rows, so the
    update wrote every row twice, and on DuckDB the temporary table spilled to disk (the insert
    of int_emissions_computed's year took 24 s after the 8 s that computed it). Readers see the
    old rows or the new ones, never a mix: both statements commit together.
-#}
{% materialization period_scoped, default %}
    {%- set existing_relation = load_cached_relation(this) -%}
    {%- set target_relation = this.incorporate(type='table') -%}
    {%- set grant_config = config.get('grants') -%}
    {%- set scoped = is_scoped_refresh() -%}

    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}

    {%- if scoped %}
        {%- set dest_columns = adapter.get_columns_in_relation(target_relation) -%}
        {#- As dbt's on_schema_change='fail': a model whose columns changed since its table
            was built needs a full build, not rows inserted into the old columns. -#}
        {%- set model_names = get_columns_in_query(sql) | map('lower') | list -%}
        {%- set table_names = dest_columns | map(attribute='name') | map('lower') | list -%}
        {%- if model_names | sort != table_names | sort -%}
            {{ exceptions.raise_compiler_error(
                "The columns of " ~ this ~ " changed since its table was built (model: "
                ~ model_names | join(', ') ~ "; table: " ~ table_names | join(', ')
                ~ "). An update inserts into the table as it is: run `carbon build` first."
            ) }}
        {%- endif -%}
        {%- set column_list = get_quoted_csv(dest_columns | map(attribute='name')) -%}
        {%- call statement('delete_scope') -%}
            delete from {{ target_relation }} where {{ in_refresh_scope(config.get('scope_column')) }}
        {%- endcall -%}
        {%- call statement('main') -%}
            insert into {{ target_relation }} ({{ column_list }})
            select {{ column_list }} from (
                {{ sql }}
            ) as scoped_rows
        {%- endcall -%}
    {%- else %}
        {%- set intermediate_relation = make_intermediate_relation(target_relation) -%}
        {%- set backup_relation = make_backup_relation(
            target_relation, 'table' if existing_relation is none else existing_relation.type
        ) -%}
        {{ drop_relation_if_exists(load_cached_relation(intermediate_relation)) }}
        {{ drop_relation_if_exists(load_cached_relation(backup_relation)) }}
        {%- call statement('main') -%}
            {{ get_create_table_as_sql(False, intermediate_relation, sql) }}
        {%- endcall -%}
        {%- if existing_relation is not none %}
            {{ adapter.rename_relation(existing_relation, backup_relation) }}
        {%- endif %}
        {{ adapter.rename_relation(intermediate_relation, target_relation) }}
    {%- endif %}

    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {%- do apply_grants(target_relation, grant_config, should_revoke=should_revoke(existing_relation, full_refresh_mode=not scoped)) -%}
    {%- do persist_docs(target_relation, model) -%}
    {{ adapter.commit() }}
    {%- if not scoped %}
        {{ drop_relation_if_exists(backup_relation) }}
    {%- endif %}
    {{ run_hooks(post_hooks, inside_transaction=False) }}
    {{ return({'relations': [target_relation]}) }}
{% endmaterialization %}

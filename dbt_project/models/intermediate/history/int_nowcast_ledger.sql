{#- full_refresh=false: a history, which carbon build's --full-refresh must not wipe. -#}
{{
    config(
        materialized='incremental',
        full_refresh=false,
        unique_key=['region_code', 'period_type', 'period_start', 'sector', 'subsector',
                    'fuel_code', 'scope', 'layer'],
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns'
    )
}}
{#-
    The latest nowcast value of every fct_emissions key that has ever been a
    nowcast. Keys that stop being nowcasts keep their last nowcast value here,
    which is what fct_nowcast_history compares the final value with. State
    across builds: full_refresh=false, so carbon build's --full-refresh keeps it.
    An update re-records the nowcasts of its refresh scope only: the others are the rows the
    earlier build recorded, unchanged (macros/refresh_scope.sql).
-#}
{%- set rescoped = '' -%}
{%- if is_incremental() and refresh_scope_start() is not none -%}
    {%- set rescoped = ' and ' ~ in_refresh_scope('period_start', 'layered') -%}
{%- endif %}
with current_nowcasts as (
    select
        region_code,
        period_type,
        period_start,
        sector,
        subsector,
        fuel_code,
        scope,
        layer,
        activity_quantity as nowcast_activity_quantity,
        energy_tce as nowcast_energy_tce,
        emissions_tco2 as nowcast_emissions_tco2,
        cast('{{ run_var('build_id') }}' as {{ dbt.type_string() }}) as nowcast_build_id,
        {{ dbt.current_timestamp() }} as recorded_at
    from {{ ref('fct_emissions') }}
    where estimate_type = 'nowcast'{{ rescoped }}
)

select * from current_nowcasts

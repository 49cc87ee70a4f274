{#- full_refresh=false: a history, which carbon build's --full-refresh must not wipe. -#}
{{
    config(
        materialized='incremental',
        full_refresh=false,
        unique_key=['region_code', 'period_type', 'period_start', 'sector', 'subsector',
                    'fuel_code', 'scope', 'layer', 'nowcast_build_id'],
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns'
    )
}}
{#-
    Nowcasts replaced by actuals (METHOD 3): when a month's statistics arrive,
    the build that turns its days from 'nowcast' into 'disaggregated' records
    here the replaced nowcast, the final value and the revision error
    (nowcast / final - 1), with the build in which the nowcast was made and
    the build that replaced it.
-#}
with ledger as (
    select * from {{ ref('int_nowcast_ledger') }}
),

current_rows as (
    select * from {{ ref('fct_emissions') }}
    where estimate_type <> 'nowcast'
),

replaced as (
    select
        ledger.region_code,
        ledger.period_type,
        ledger.period_start,
        ledger.sector,
        ledger.subsector,
        ledger.fuel_code,
        ledger.scope,
        ledger.layer,
        ledger.nowcast_activity_quantity,
        ledger.nowcast_energy_tce,
        ledger.nowcast_emissions_tco2,
        current_rows.activity_quantity as final_activity_quantity,
        current_rows.energy_tce as final_energy_tce,
        current_rows.emissions_tco2 as final_emissions_tco2,
        current_rows.estimate_type as final_estimate_type,
        cast(
            ledger.nowcast_emissions_tco2 / nullif(current_rows.emissions_tco2, 0) - 1
            as double precision
        ) as revision_error,
        ledger.nowcast_build_id,
        cast('{{ run_var('build_id') }}' as {{ dbt.type_string() }}) as replaced_in_build_id,
        {{ dbt.current_timestamp() }} as replaced_at
    from ledger
    inner join current_rows
        on
            ledger.region_code = current_rows.region_code
            and ledger.period_type = current_rows.period_type
            and ledger.period_start = current_rows.period_start
            and ledger.sector = current_rows.sector
            and ledger.subsector = current_rows.subsector
            and ledger.fuel_code = current_rows.fuel_code
            and ledger.scope = current_rows.scope
            and ledger.layer = current_rows.layer
)

select * from replaced
{%- if is_incremental() %}
where not exists (
    select 1
    from {{ this }} as recorded
    where
        recorded.region_code = replaced.region_code
        and recorded.period_type = replaced.period_type
        and recorded.period_start = replaced.period_start
        and recorded.sector = replaced.sector
        and recorded.subsector = replaced.subsector
        and recorded.fuel_code = replaced.fuel_code
        and recorded.scope = replaced.scope
        and recorded.layer = replaced.layer
        and recorded.nowcast_build_id = replaced.nowcast_build_id
)
{%- endif %}

{{ config(materialized='incremental', full_refresh=false, unique_key=['check_run', 'metric'],
    incremental_strategy='delete+insert', on_schema_change='append_new_columns') }}
{#- Every build's scorecard rows (C8 across builds); a re-run of a build id replaces its rows. -#}
with scorecard as (
    select * from {{ ref('rpt_quality_scorecard') }}
),

final as (
    select
        check_run, metric, metric_zh, value, target, comparison, passed, note, objects,
        {{ dbt.current_timestamp() }} as recorded_at
    from scorecard
)

select * from final

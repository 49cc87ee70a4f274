{#-
    C8: the metrics of table 1 of the standard (6.4.3) for this build, each with its target
    (var scorecard_targets = expectations/thresholds.yml), the number of objects it is measured
    on, and a pass flag. What "data" means for each metric is in its note and in docs/method.md.
    A metric with nothing to measure (no inconsistent objects to clean, no alerts yet) passes
    vacuously, with value NULL and a note saying so.
-#}
with checks as (
    select * from {{ ref('rpt_consistency') }}
),

corrections as (
    select * from {{ ref('int_reconciliation_corrections') }}
),

timeliness as (
    select * from {{ ref('int_consistency_c8_update_timeliness') }}
),

load_log as (
    select * from {{ source('raw', '_load_log') }}
),

alerts as (
    select * from {{ source('raw', '_alerts') }}
),

reconciled_rates as (
    select
        -- 一致性率: rollup objects (C1, C3, C4, C6) that agree with their source figures
        sum(case when rule in ('C1', 'C3', 'C4', 'C6') and passed then 1 else 0 end)
            as consistent,
        sum(case when rule in ('C1', 'C3', 'C4', 'C6') then 1 else 0 end) as rollup_objects,
        -- 异常数据率: objects flagged by the plausibility rule C7
        sum(case when rule = 'C7' and not passed then 1 else 0 end) as anomalies,
        sum(case when rule = 'C7' then 1 else 0 end) as plausibility_objects,
        -- 数据校验成功率: objects passing every blocking rule C1-C6
        sum(case when severity = 'error' and passed then 1 else 0 end) as validated,
        sum(case when severity = 'error' then 1 else 0 end) as blocking_objects
    from checks
    where layer = 'reconciled'
),

object_corrections as (
    -- 数据修正率: an object needed correction when the reconciled layer moved it by more than
    -- the tolerance of the rule its step restores (temporal: C1, spatial: C4); scaling inside
    -- the tolerance only closes rounding-size gaps and is not a correction of the data. A city's
    -- days take the factor of their month (int_reconciled_emissions), so the spatial step is
    -- counted on the objects whose factor it decides, not on its day benchmarks.
    select
        step,
        object_key,
        max(
            case
                when
                    applied
                    and abs(factor - 1) > case
                        when step = 'temporal' then {{ consistency_threshold('C1') }}
                        else {{ consistency_threshold('C4') }}
                    end
                    then 1
                else 0
            end
        ) as corrected
    from corrections
    where step = 'temporal' or period_type <> 'day'
    group by step, object_key
),

correction as (
    select
        sum(corrected) as corrected,
        count(*) as benchmarked
    from object_corrections
),

broken_as_delivered as (
    -- 数据清理效率: objects breaking a blocking rule on the computed layer (the data as
    -- delivered), and whether the same object passes on the reconciled layer. The broken
    -- objects are few: joining them to the passing reconciled checks reads the checks once,
    -- where grouping every check by object took seconds (issue 4: 14.7M rows at national
    -- scale); broken_objects below counts each object once
    select
        rule,
        object_key,
        measure
    from checks
    where layer = 'computed' and severity = 'error' and not passed
),

broken_objects as (
    select
        broken_as_delivered.rule,
        broken_as_delivered.object_key,
        broken_as_delivered.measure,
        max(case when reconciled.rule is not null then 1 else 0 end) as passes_reconciled
    from broken_as_delivered
    left join checks as reconciled
        on
            broken_as_delivered.rule = reconciled.rule
            and broken_as_delivered.object_key = reconciled.object_key
            and broken_as_delivered.measure = reconciled.measure
            and reconciled.layer = 'reconciled'
            and reconciled.passed
    group by
        broken_as_delivered.rule,
        broken_as_delivered.object_key,
        broken_as_delivered.measure
),

cleaning as (
    select
        sum(passes_reconciled) as cleaned,
        count(*) as erroneous
    from broken_objects
),

timely as (
    select
        sum(periods_present) as present,
        sum(periods_due) as due
    from timeliness
),

latest_file_outcomes as (
    -- 数据质量审计合格率: every landing file is audited against the contract when it arrives;
    -- a file's latest audit counts (a refused file delivered again, corrected, passes)
    select
        source,
        file,
        outcome,
        row_number() over (partition by source, file order by loaded_at desc) as recency
    from load_log
),

audit as (
    select
        sum(case when outcome in ('loaded', 'unchanged') then 1 else 0 end) as passed_files,
        count(*) as audited_files
    from latest_file_outcomes
    where recency = 1
),

response as (
    -- 数据一致性监控响应时间: detection (checkpoint end) to alert, averaged over the alerts of
    -- earlier builds: this build's alerts are raised after its checks, so the next build counts
    -- them
    select
        avg(latency_ms) / 3600000.0 as mean_hours,
        count(*) as responses
    from alerts
    where build_id is null or build_id <> '{{ run_var('build_id') }}'
),

metrics as (
    select
        'consistency_rate' as metric,
        '数据一致性率' as metric_zh,
        '>=' as comparison,
        consistent * 1.0 / nullif(rollup_objects, 0) as value,
        rollup_objects as objects,
        {{ scorecard_target('consistency_rate') }} as target,
        'C1, C3, C4, C6 objects passing, reconciled layer' as note
    from reconciled_rates
    union all
    select
        'correction_rate',
        '数据修正率',
        '<=',
        corrected * 1.0 / nullif(benchmarked, 0),
        benchmarked,
        {{ scorecard_target('correction_rate') }},
        'objects moved beyond the C1 (temporal) or C4 (spatial) tolerance / objects benchmarked'
    from correction
    union all
    select
        'anomaly_rate',
        '异常数据率',
        '<=',
        anomalies * 1.0 / nullif(plausibility_objects, 0),
        plausibility_objects,
        {{ scorecard_target('anomaly_rate') }},
        'C7 objects flagged, reconciled layer'
    from reconciled_rates
    union all
    select
        'validation_success_rate',
        '数据校验成功率',
        '>=',
        validated * 1.0 / nullif(blocking_objects, 0),
        blocking_objects,
        {{ scorecard_target('validation_success_rate') }},
        'objects passing the blocking rules C1-C6, reconciled layer'
    from reconciled_rates
    union all
    select
        'update_timeliness',
        '数据更新及时性',
        '>=',
        present * 1.0 / nullif(due, 0),
        due,
        {{ scorecard_target('update_timeliness') }},
        'due periods present / periods due, per landing series (see int_consistency_c8_*)'
    from timely
    union all
    select
        'cleaning_efficiency',
        '数据清理效率',
        '>=',
        cleaned * 1.0 / nullif(erroneous, 0),
        erroneous,
        {{ scorecard_target('cleaning_efficiency') }},
        case
            when coalesce(erroneous, 0) = 0 then 'no object breaks a blocking rule on the computed layer'
            else 'computed-layer objects breaking C1-C6 that pass on the reconciled layer'
        end
    from cleaning
    union all
    select
        'monitoring_response_hours',
        '数据一致性监控响应时间',
        '<=',
        mean_hours,
        responses,
        {{ scorecard_target('monitoring_response_hours') }},
        case
            when responses = 0 then 'no alerts raised by earlier builds'
            else 'mean detection-to-alert time of the alerts of earlier builds (raw._alerts)'
        end
    from response
    union all
    select
        'audit_pass_rate',
        '数据质量审计合格率',
        '>=',
        passed_files * 1.0 / nullif(audited_files, 0),
        audited_files,
        {{ scorecard_target('audit_pass_rate') }},
        'landing files passing the contract audit at ingestion (latest per file, raw._load_log)'
    from audit
),

final as (
    select
        cast('{{ run_var('build_id') }}' as {{ dbt.type_string() }}) as check_run,
        cast(metric as {{ dbt.type_string() }}) as metric,
        cast(metric_zh as {{ dbt.type_string() }}) as metric_zh,
        cast(value as double precision) as value,
        cast(target as double precision) as target,
        cast(comparison as {{ dbt.type_string() }}) as comparison,
        case
            -- nothing to measure: the metric holds vacuously
            when coalesce(objects, 0) = 0 then true
            when comparison = '>=' then value >= target
            else value <= target
        end as passed,
        cast(note as {{ dbt.type_string() }}) as note,
        cast(coalesce(objects, 0) as bigint) as objects
    from metrics
)

select * from final

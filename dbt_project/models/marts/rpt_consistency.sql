{#-
    The consistency report of a build (CONTRACT.md, METHOD 6): every object checked by rules
    C1-C7 on both layers, with expected, observed, relative difference, threshold and pass flag.
    C8 (table 1 of the standard) is rpt_quality_scorecard, computed from this table.
-#}
{%- set rule_models = [
    'int_consistency_c1_temporal_rollup',
    'int_consistency_c2_temporal_completeness',
    'int_consistency_c3_source_consistency',
    'int_consistency_c4_spatial_rollup',
    'int_consistency_c5_spatial_completeness',
    'int_consistency_c6_allocation',
    'int_consistency_c7_plausibility',
] -%}

with unioned as (
    {%- for model_name in rule_models %}
        select * from {{ ref(model_name) }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

final as (
    select
        check_run,
        rule,
        layer,
        region_code,
        period_type,
        period_start,
        sector,
        subsector,
        fuel_code,
        scope,
        measure,
        object_key,
        expected,
        observed,
        rel_diff,
        threshold,
        passed,
        severity,
        note,
        informational
    from unioned
)

select * from final

{#-
    Published emissions (CONTRACT.md) in both layers: 'computed' (each model
    5.2-5.19 over its own sources, int_emissions_computed) and 'reconciled'
    (benchmarked to independent parents within the band, METHOD 6,
    int_reconciled_emissions). Same columns in the same order in both.
-#}
{#- The rows of both parts, so an update's data tests read them in the parts' scope
    (get_where_subquery in macros/refresh_scope.sql). -#}
{{ config(scope_kind='layered') }}
with computed as (
    select * from {{ ref('int_emissions_computed') }}
),

reconciled as (
    select * from {{ ref('int_reconciled_emissions') }}
),

final as (
    select * from computed
    union all
    select * from reconciled
)

select * from final

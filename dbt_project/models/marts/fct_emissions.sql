{#-
    Published emissions (CONTRACT.md) in both layers: 'computed' (each model
    5.2-5.19 over its own sources, int_emissions_computed) and 'reconciled'
    (benchmarked to independent parents within the band, METHOD 6,
    int_reconciled_emissions). Same columns in the same order in both.
-#}
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

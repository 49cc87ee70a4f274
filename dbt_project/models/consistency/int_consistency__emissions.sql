{{ config(materialized='view') }}
{#- Both layers of emissions, for the consistency rules (fct_emissions without reading it). -#}
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

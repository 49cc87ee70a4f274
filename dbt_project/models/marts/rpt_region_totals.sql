{#-
    Totals per region, period and layer (METHOD 5): the regional total
    (energy + industry direct + other direct, the standard's territorial view
    with imported electricity), the end-use view (industry and other, direct
    plus indirect) and the rest of the energy sector as its own line, with
    carbon intensity and per-capita emissions for years (economy is annual).

    A row sums the rows of its own region, period and layer, so an update rebuilds the rows of
    its refresh scope only, from the same rows of fct_emissions (kind 'year': the other
    sectors move a whole year, as in the publication's PUBLISHED_SCOPE_KIND).
-#}
{{ period_scoped_incremental(kind='year') }}  {#- rebuilds only its refresh scope on an update (macros/refresh_scope.sql) -#}
with emissions as (
    select * from {{ ref('fct_emissions') }}{{ where_in_refresh_inputs() }}
),

totals as (
    select
        region_code,
        region_level,
        period_type,
        period_start,
        layer,
        sum(case when sector = 'energy' then emissions_tco2 else 0 end) as energy_tco2,
        sum(
            case when sector = 'industry' and scope = 'direct' then emissions_tco2 else 0 end
        ) as industry_direct_tco2,
        sum(
            case when sector = 'other' and scope = 'direct' then emissions_tco2 else 0 end
        ) as other_direct_tco2,
        sum(
            case when sector = 'industry' then emissions_tco2 else 0 end
        ) as industry_end_use_tco2,
        sum(
            case when sector = 'other' then emissions_tco2 else 0 end
        ) as other_end_use_tco2,
        sum(
            case when sector <> 'energy' and scope <> 'direct' then emissions_tco2 else 0 end
        ) as indirect_allocated_tco2,
        max(case when estimate_type = 'nowcast' then 1 else 0 end) as has_nowcast
    from emissions
    group by region_code, region_level, period_type, period_start, layer
),

economy as (
    select
        region_code,
        period_start,
        gdp_10k_yuan,
        population
    from {{ ref('stg_economy') }}
),

final as (
    select
        totals.region_code,
        totals.region_level,
        totals.period_type,
        totals.period_start,
        totals.layer,
        cast(totals.energy_tco2 as double precision) as energy_tco2,
        cast(totals.industry_direct_tco2 as double precision) as industry_direct_tco2,
        cast(totals.other_direct_tco2 as double precision) as other_direct_tco2,
        cast(
            totals.energy_tco2 + totals.industry_direct_tco2 + totals.other_direct_tco2
            as double precision
        ) as total_tco2,
        cast(
            totals.industry_end_use_tco2 + totals.other_end_use_tco2 as double precision
        ) as end_use_tco2,
        cast(
            totals.energy_tco2 - totals.indirect_allocated_tco2 as double precision
        ) as energy_not_allocated_tco2,
        cast(
            (totals.energy_tco2 + totals.industry_direct_tco2 + totals.other_direct_tco2)
            / nullif(economy.gdp_10k_yuan, 0) as double precision
        ) as carbon_intensity,
        cast(
            (totals.energy_tco2 + totals.industry_direct_tco2 + totals.other_direct_tco2)
            / nullif(economy.population, 0) as double precision
        ) as per_capita,
        totals.has_nowcast = 1 as includes_nowcast
    from totals
    left join economy
        on
            totals.region_code = economy.region_code
            and totals.period_type = 'year'
            and totals.period_start = economy.period_start
)

select * from final{{ where_in_refresh_scope() }}

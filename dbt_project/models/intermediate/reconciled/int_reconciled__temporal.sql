{#-
    Temporal step of the reconciled layer: province energy and industry months of a year
    benchmarked to the year. One row per object (region, year, sector, subsector, fuel, scope)
    and measure with the factor that scales its months, quarters and days.
-#}
with computed as (
    select * from {{ ref('int_emissions_computed') }}
),

province as (
    select *
    from computed
    where region_level = 'province' and sector in ('energy', 'industry')
),

years as (
    select
        region_code,
        period_start as year_start,
        sector,
        subsector,
        fuel_code,
        scope,
        activity_quantity,
        energy_tce,
        emissions_tco2
    from province
    where period_type = 'year'
),

months as (
    select
        region_code,
        cast({{ dbt.date_trunc('year', 'period_start') }} as date) as year_start,
        sector,
        subsector,
        fuel_code,
        scope,
        sum(activity_quantity) as activity_quantity,
        sum(energy_tce) as energy_tce,
        sum(emissions_tco2) as emissions_tco2
    from province
    where period_type = 'month' and estimate_type <> 'nowcast'
    group by 1, 2, 3, 4, 5, 6
),

month_coverage as (
    -- All 12 months of the region and sector must be reported, or scaling would hide a gap.
    select
        region_code,
        cast({{ dbt.date_trunc('year', 'period_start') }} as date) as year_start,
        sector,
        count(distinct period_start) as n_months
    from province
    where period_type = 'month' and estimate_type <> 'nowcast'
    group by 1, 2, 3
),

objects as (
    select
        years.region_code,
        'year' as period_type,
        years.year_start,
        years.sector,
        years.subsector,
        years.fuel_code,
        years.scope,
        years.activity_quantity as parent_activity,
        years.energy_tce as parent_tce,
        years.emissions_tco2 as parent_emissions,
        coalesce(months.activity_quantity, 0) as child_activity,
        coalesce(months.energy_tce, 0) as child_tce,
        coalesce(months.emissions_tco2, 0) as child_emissions,
        case when month_coverage.n_months = 12 then 1 else 0 end as n_complete
    from years
    left join months
        on
            years.region_code = months.region_code
            and years.year_start = months.year_start
            and years.sector = months.sector
            and years.subsector = months.subsector
            and years.fuel_code = months.fuel_code
            and years.scope = months.scope
    left join month_coverage
        on
            years.region_code = month_coverage.region_code
            and years.year_start = month_coverage.year_start
            and years.sector = month_coverage.sector
),

measures as (
    {{ reconcile_measures("objects", "year_start", indirect_follows_activity=true) }}
),

final as (
    {{ reconcile_decide("measures", "'temporal'", "'incomplete months'") }}
)

select * from final

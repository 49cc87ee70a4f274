{#-
    Province rows after the temporal step: energy and industry months, quarters and days of a
    year whose months were scaled to the annual figure take the object's factor per measure, so
    the cascade year -> quarter -> month -> day stays consistent. Other rows are unchanged.
-#}
{{ period_scoped_incremental(kind='reconciled') }}  {#- rebuilds only its refresh scope on an update (macros/refresh_scope.sql) -#}
with computed as (
    select * from {{ ref('int_emissions_computed') }}
    where region_level = 'province'{{ and_in_refresh_scope() }}
),

corrections as (
    select * from {{ ref('int_reconciled__temporal') }}
    where applied{{ and_in_refresh_inputs() }}
),

factors as (
    select
        region_code,
        period_start as year_start,
        sector,
        subsector,
        fuel_code,
        scope,
        max(case when measure = 'activity_quantity' then factor end) as f_activity,
        max(case when measure = 'energy_tce' then factor end) as f_tce,
        max(case when measure = 'emissions_tco2' then factor end) as f_emissions
    from corrections
    group by 1, 2, 3, 4, 5, 6
),

final as (
    select
        computed.region_code,
        computed.region_level,
        computed.period_type,
        computed.period_start,
        computed.sector,
        computed.subsector,
        computed.fuel_code,
        computed.scope,
        computed.activity_quantity * coalesce(factors.f_activity, 1.0) as activity_quantity,
        computed.energy_tce * coalesce(factors.f_tce, 1.0) as energy_tce,
        computed.emissions_tco2 * coalesce(factors.f_emissions, 1.0) as emissions_tco2,
        computed.method,
        computed.estimate_type
    from computed
    left join factors
        on
            computed.period_type in ('quarter', 'month', 'day')
            and computed.region_code = factors.region_code
            and cast({{ dbt.date_trunc('year', 'computed.period_start') }} as date)
            = factors.year_start
            and computed.sector = factors.sector
            and computed.subsector = factors.subsector
            and computed.fuel_code = factors.fuel_code
            and computed.scope = factors.scope
)

select * from final{{ where_in_refresh_scope() }}

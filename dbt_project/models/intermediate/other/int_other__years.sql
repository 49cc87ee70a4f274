{#-
    The years for which the other sectors have periods (METHOD 8: "other-sector
    periods exist whenever their year is reported or nowcast"), per region.
    A province year is reported when energy_balance has any row for it (a
    subsector or fuel missing from a reported balance is zero, not nowcast);
    a city or county year when other_activity has any row for it. A year with
    grid electricity (a driver figure) but no such row is a nowcast year with
    reference = the latest reported year before it; without an earlier
    reported year it has no other-sector periods.
-#}
with regions as (
    select
        region_code,
        region_level
    from {{ ref('stg_regions') }}
    where region_level in ('province', 'city', 'county')
),

reported as (
    select distinct
        balance.region_code,
        balance.period_start as year_start
    from {{ ref('stg_energy_balance') }} as balance
    inner join regions
        on balance.region_code = regions.region_code
    where regions.region_level = 'province'
    union
    select distinct
        activity.region_code,
        activity.period_start as year_start
    from {{ ref('stg_other_activity') }} as activity
    inner join regions
        on activity.region_code = regions.region_code
    where regions.region_level in ('city', 'county')
),

driver_years as (
    select distinct
        region_code,
        year_start
    from {{ ref('int_other__drivers') }}
),

unreported as (
    select
        driver_years.region_code,
        driver_years.year_start
    from driver_years
    left join reported
        on
            driver_years.region_code = reported.region_code
            and driver_years.year_start = reported.year_start
    where reported.year_start is null
),

nowcast as (
    select
        unreported.region_code,
        unreported.year_start,
        max(reported.year_start) as reference_year_start
    from unreported
    inner join reported
        on
            unreported.region_code = reported.region_code
            and unreported.year_start > reported.year_start
    group by unreported.region_code, unreported.year_start
),

unioned as (
    select
        region_code,
        year_start,
        'reported' as year_status,
        cast(null as date) as reference_year_start
    from reported
    union all
    select
        region_code,
        year_start,
        'nowcast' as year_status,
        reference_year_start
    from nowcast
),

final as (
    select
        unioned.region_code,
        regions.region_level,
        unioned.year_start,
        cast(unioned.year_status as {{ dbt.type_string() }}) as year_status,
        unioned.reference_year_start
    from unioned
    inner join regions
        on unioned.region_code = regions.region_code
)

select * from final

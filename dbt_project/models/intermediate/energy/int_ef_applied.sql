{#-
    The electricity and heat factor to apply to the indirect rows of every
    province and period (METHOD 3 "Derived factors of a period"): the
    period's own factor (int_ef_derived), else the one of the latest earlier
    period of the same type that has one, each factor on its own. A day uses
    its month's applied factor (the standard's "latest monthly factor"), so
    that days add up to their month. Periods: every year, quarter, month and
    day of int_calendar_days. Periods without any factor yet have no row
    (and so no indirect row). Cities and counties join on their province_code.
-#}
with provinces as (
    select region_code
    from {{ ref('stg_regions') }}
    where region_level = 'province'
),

calendar as (
    select * from {{ ref('int_calendar_days') }}
),

periods as (
    select distinct
        'year' as period_type,
        year_start as period_start
    from calendar
    union all
    select distinct
        'quarter' as period_type,
        quarter_start as period_start
    from calendar
    union all
    select distinct
        'month' as period_type,
        month_start as period_start
    from calendar
),

candidates as (
    select
        provinces.region_code,
        periods.period_type,
        periods.period_start
    from provinces
    cross join periods
),

derived as (
    select * from {{ ref('int_ef_derived') }}
    where period_type in ('year', 'quarter', 'month')
),

electricity_ranked as (
    select
        candidates.region_code,
        candidates.period_type,
        candidates.period_start,
        derived.ef_elec_tco2_per_mwh as ef_elec,
        row_number() over (
            partition by candidates.region_code, candidates.period_type, candidates.period_start
            order by derived.period_start desc
        ) as factor_rank
    from candidates
    inner join derived
        on
            candidates.region_code = derived.region_code
            and candidates.period_type = derived.period_type
            and candidates.period_start >= derived.period_start
    where derived.ef_elec_tco2_per_mwh is not null
),

heat_ranked as (
    select
        candidates.region_code,
        candidates.period_type,
        candidates.period_start,
        derived.ef_heat_tco2_per_gj as ef_heat,
        row_number() over (
            partition by candidates.region_code, candidates.period_type, candidates.period_start
            order by derived.period_start desc
        ) as factor_rank
    from candidates
    inner join derived
        on
            candidates.region_code = derived.region_code
            and candidates.period_type = derived.period_type
            and candidates.period_start >= derived.period_start
    where derived.ef_heat_tco2_per_gj is not null
),

period_factors as (
    select
        candidates.region_code,
        candidates.period_type,
        candidates.period_start,
        electricity_ranked.ef_elec,
        heat_ranked.ef_heat
    from candidates
    left join electricity_ranked
        on
            candidates.region_code = electricity_ranked.region_code
            and candidates.period_type = electricity_ranked.period_type
            and candidates.period_start = electricity_ranked.period_start
            and electricity_ranked.factor_rank = 1
    left join heat_ranked
        on
            candidates.region_code = heat_ranked.region_code
            and candidates.period_type = heat_ranked.period_type
            and candidates.period_start = heat_ranked.period_start
            and heat_ranked.factor_rank = 1
    where electricity_ranked.ef_elec is not null or heat_ranked.ef_heat is not null
),

day_factors as (
    select
        month_factors.region_code,
        'day' as period_type,
        calendar.day_start as period_start,
        month_factors.ef_elec,
        month_factors.ef_heat
    from calendar
    inner join period_factors as month_factors
        on
            calendar.month_start = month_factors.period_start
            and month_factors.period_type = 'month'
),

unioned as (
    select * from period_factors
    union all
    select * from day_factors
),

final as (
    select
        region_code,
        cast(period_type as {{ dbt.type_string() }}) as period_type,
        period_start,
        cast(ef_elec as double precision) as ef_elec,
        cast(ef_heat as double precision) as ef_heat
    from unioned
)

select * from final

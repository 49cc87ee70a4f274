{#-
    Whole-industry quantity Q(i, f) of every region, industry and fuel at
    year, quarter and month (METHOD 4 "Industry", models 5.5, 5.6, 5.14):

        Q_above(i, f) = consumption + conversion + recycling   (signed as reported)
        k(i)          = VA_total(i) / VA_above(i)
        Q(i, f)       = Q_above(i, f) * k(i)

    k comes from the industry_value_added YEAR row of the same region and
    industry with the latest period_start on or before the period's start;
    k = 1 when there is none, or when VA_above is zero or empty (or VA_total
    is empty). Rows of fuel electricity (the grid's Elec(i) is used instead)
    and of industries whose sector is energy (code 44) are ignored. Heat is
    kept: it becomes the indirect_heat rows.

    Periods (METHOD 3, statistical figures): a period's own rows; a quarter
    with no rows of its own is the sum of its months when all three are
    reported, and a city/county year likewise from its twelve months. A
    province year comes from its year rows only. A month is reported for a
    region when it has any usable row; an industry or fuel missing from a
    reported month is zero.
-#}
with regions as (
    select
        region_code,
        region_level
    from {{ ref('stg_regions') }}
    where region_level in ('province', 'city', 'county')
),

energy_industries as (
    select industry_code
    from {{ ref('stg_industries') }}
    where sector = 'energy'
),

usable_rows as (
    select
        energy.region_code,
        regions.region_level,
        energy.period_type,
        energy.period_start,
        energy.industry_code,
        energy.fuel_code,
        energy.quantity
    from {{ ref('stg_industry_energy') }} as energy
    inner join regions on energy.region_code = regions.region_code
    where
        energy.fuel_code != 'electricity'
        and energy.table_code in ('consumption', 'conversion', 'recycling')
        and energy.period_type in ('year', 'quarter', 'month')
        and not exists (
            select 1
            from energy_industries
            where energy_industries.industry_code = energy.industry_code
        )
),

above_scale as (
    select
        region_code,
        region_level,
        period_type,
        period_start,
        industry_code,
        fuel_code,
        sum(quantity) as quantity_above_scale
    from usable_rows
    group by region_code, region_level, period_type, period_start, industry_code, fuel_code
),

industry_periods as (
    select distinct
        region_code,
        period_type,
        period_start,
        industry_code
    from above_scale
),

value_added_years as (
    select
        region_code,
        industry_code,
        period_start,
        value_added_total,
        value_added_above_scale
    from {{ ref('stg_industry_value_added') }}
    where period_type = 'year'
),

expansion_candidates as (
    select
        industry_periods.region_code,
        industry_periods.period_type,
        industry_periods.period_start,
        industry_periods.industry_code,
        value_added_years.value_added_total / nullif(value_added_years.value_added_above_scale, 0)
            as expansion_value,
        row_number() over (
            partition by
                industry_periods.region_code,
                industry_periods.period_type,
                industry_periods.period_start,
                industry_periods.industry_code
            order by value_added_years.period_start desc
        ) as version_rank
    from industry_periods
    inner join value_added_years
        on
            industry_periods.region_code = value_added_years.region_code
            and industry_periods.industry_code = value_added_years.industry_code
            and industry_periods.period_start >= value_added_years.period_start
),

own_rows as (
    select
        above_scale.region_code,
        above_scale.region_level,
        above_scale.period_type,
        above_scale.period_start,
        above_scale.industry_code,
        above_scale.fuel_code,
        above_scale.quantity_above_scale
        * coalesce(expansion_candidates.expansion_value, 1) as quantity
    from above_scale
    left join expansion_candidates
        on
            above_scale.region_code = expansion_candidates.region_code
            and above_scale.period_type = expansion_candidates.period_type
            and above_scale.period_start = expansion_candidates.period_start
            and above_scale.industry_code = expansion_candidates.industry_code
            and expansion_candidates.version_rank = 1
),

own_periods as (
    select distinct
        region_code,
        period_type,
        period_start
    from own_rows
),

month_rows as (
    select
        region_code,
        region_level,
        period_start,
        industry_code,
        fuel_code,
        quantity,
        {{ period_start_of('quarter', 'period_start') }} as quarter_start,
        {{ period_start_of('year', 'period_start') }} as year_start
    from own_rows
    where period_type = 'month'
),

complete_quarters as (
    select
        region_code,
        quarter_start
    from month_rows
    group by region_code, quarter_start
    having count(distinct period_start) = 3
),

complete_city_years as (
    select
        region_code,
        year_start
    from month_rows
    where region_level in ('city', 'county')
    group by region_code, year_start
    having count(distinct period_start) = 12
),

quarters_from_months as (
    select
        month_rows.region_code,
        month_rows.region_level,
        'quarter' as period_type,
        month_rows.quarter_start as period_start,
        month_rows.industry_code,
        month_rows.fuel_code,
        sum(month_rows.quantity) as quantity
    from month_rows
    inner join complete_quarters
        on
            month_rows.region_code = complete_quarters.region_code
            and month_rows.quarter_start = complete_quarters.quarter_start
    where
        not exists (
            select 1
            from own_periods
            where
                own_periods.region_code = month_rows.region_code
                and own_periods.period_type = 'quarter'
                and own_periods.period_start = month_rows.quarter_start
        )
    group by
        month_rows.region_code,
        month_rows.region_level,
        month_rows.quarter_start,
        month_rows.industry_code,
        month_rows.fuel_code
),

city_years_from_months as (
    select
        month_rows.region_code,
        month_rows.region_level,
        'year' as period_type,
        month_rows.year_start as period_start,
        month_rows.industry_code,
        month_rows.fuel_code,
        sum(month_rows.quantity) as quantity
    from month_rows
    inner join complete_city_years
        on
            month_rows.region_code = complete_city_years.region_code
            and month_rows.year_start = complete_city_years.year_start
    where
        not exists (
            select 1
            from own_periods
            where
                own_periods.region_code = month_rows.region_code
                and own_periods.period_type = 'year'
                and own_periods.period_start = month_rows.year_start
        )
    group by
        month_rows.region_code,
        month_rows.region_level,
        month_rows.year_start,
        month_rows.industry_code,
        month_rows.fuel_code
),

unioned as (
    select * from own_rows
    union all
    select * from quarters_from_months
    union all
    select * from city_years_from_months
),

final as (
    select
        region_code,
        region_level,
        cast(period_type as {{ dbt.type_string() }}) as period_type,
        period_start,
        industry_code,
        fuel_code,
        cast(quantity as double precision) as quantity
    from unioned
)

select * from final

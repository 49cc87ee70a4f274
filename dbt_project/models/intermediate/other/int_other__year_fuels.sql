{#-
    Reported year quantities Q(s, f) of the other sectors' fuels burned.
    Provinces (5.8): energy_balance rows of the flows named after the
    subsectors. Cities and counties (5.16): SUM over activities of
    A(s, a) * I(s, a, f), with I the activity_intensities version valid at
    the year's start (latest valid_from on or before 1 January, per sector,
    activity and fuel). Electricity and heat rows of either source are not
    fuels burned (METHOD 3, 8): indirect rows come from the grid figures.
-#}
with regions as (
    select
        region_code,
        region_level
    from {{ ref('stg_regions') }}
),

province_rows as (
    select
        balance.region_code,
        regions.region_level,
        balance.flow_code as subsector,
        balance.fuel_code,
        balance.period_start as year_start,
        sum(balance.quantity) as quantity
    from {{ ref('stg_energy_balance') }} as balance
    inner join regions
        on balance.region_code = regions.region_code
    where
        regions.region_level = 'province'
        and balance.flow_code in ({{ sql_string_list(other_subsectors()) }})
        and balance.fuel_code not in ('electricity', 'heat')
    group by
        balance.region_code, regions.region_level, balance.flow_code,
        balance.fuel_code, balance.period_start
),

activity as (
    select
        activity.*,
        regions.region_level
    from {{ ref('stg_other_activity') }} as activity
    inner join regions
        on activity.region_code = regions.region_code
    where regions.region_level in ('city', 'county')
),

activity_years as (
    select distinct period_start as year_start from activity
),

intensity_candidates as (
    select
        activity_years.year_start,
        intensities.sector_code,
        intensities.activity_type,
        intensities.fuel_code,
        intensities.intensity,
        row_number() over (
            partition by
                activity_years.year_start, intensities.sector_code,
                intensities.activity_type, intensities.fuel_code
            order by intensities.valid_from desc
        ) as version_rank
    from activity_years
    inner join {{ ref('stg_activity_intensities') }} as intensities
        on activity_years.year_start >= intensities.valid_from
    where intensities.fuel_code not in ('electricity', 'heat')
),

city_rows as (
    select
        activity.region_code,
        activity.region_level,
        activity.sector_code as subsector,
        intensities.fuel_code,
        activity.period_start as year_start,
        sum(activity.value * intensities.intensity) as quantity
    from activity
    inner join intensity_candidates as intensities
        on
            activity.period_start = intensities.year_start
            and activity.sector_code = intensities.sector_code
            and activity.activity_type = intensities.activity_type
            and intensities.version_rank = 1
    group by
        activity.region_code, activity.region_level, activity.sector_code,
        intensities.fuel_code, activity.period_start
),

unioned as (
    select * from province_rows
    union all
    select * from city_rows
),

final as (
    select
        region_code,
        region_level,
        cast(subsector as {{ dbt.type_string() }}) as subsector,
        cast(fuel_code as {{ dbt.type_string() }}) as fuel_code,
        year_start,
        cast(quantity as double precision) as quantity
    from unioned
)

select * from final

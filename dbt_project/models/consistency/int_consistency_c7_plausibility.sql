{#-
    C7 (METHOD 6, standard 6.4.1(3)): plausibility of a region's emissions per period and
    sector (all scopes), flagged beyond the threshold (a warning, never blocking):
    'vs previous year' compares with the same period one year earlier (days: 364 days earlier,
    the same weekday); 'vs seasonal expectation' compares with the period's parent this year
    times its share of the parent one year earlier (days in months, months in years).
-#}
with emissions as (
    select * from {{ ref('int_consistency__emissions') }}
    where region_level in ('province', 'city')
),

totals as (
    select layer, region_code, period_type, period_start, sector,
        sum(emissions_tco2) as emissions_tco2
    from emissions
    group by 1, 2, 3, 4, 5
),

shifted as (
    select
        layer, region_code, period_type, sector, emissions_tco2,
        period_start,
        case
            when period_type = 'day' then cast({{ dbt.dateadd('day', -364, 'period_start') }} as date)
            else cast({{ dbt.dateadd('year', -1, 'period_start') }} as date)
        end as previous_start,
        case period_type
            when 'day' then 'month'
            when 'month' then 'year'
        end as parent_type,
        case period_type
            when 'day' then cast({{ dbt.date_trunc('month', 'period_start') }} as date)
            when 'month' then cast({{ dbt.date_trunc('year', 'period_start') }} as date)
        end as parent_start,
        case period_type
            when 'day' then cast({{ dbt.dateadd('year', -1, 'period_start') }} as date)
            when 'month' then cast({{ dbt.dateadd('year', -1, 'period_start') }} as date)
        end as seasonal_start
    from totals
),

yoy as (
    select shifted.layer, shifted.region_code, shifted.period_type, shifted.period_start,
        shifted.sector, 'vs previous year' as note,
        previous.emissions_tco2 as expected, shifted.emissions_tco2 as observed
    from shifted
    inner join totals as previous
        on
            shifted.layer = previous.layer
            and shifted.region_code = previous.region_code
            and shifted.period_type = previous.period_type
            and shifted.sector = previous.sector
            and shifted.previous_start = previous.period_start
),

seasonal as (
    select shifted.layer, shifted.region_code, shifted.period_type, shifted.period_start,
        shifted.sector, 'vs seasonal expectation' as note,
        parent.emissions_tco2 * last_year.emissions_tco2
        / nullif(last_parent.emissions_tco2, 0) as expected,
        shifted.emissions_tco2 as observed
    from shifted
    inner join totals as parent
        on
            shifted.layer = parent.layer
            and shifted.region_code = parent.region_code
            and shifted.sector = parent.sector
            and shifted.parent_type = parent.period_type
            and shifted.parent_start = parent.period_start
    inner join totals as last_year
        on
            shifted.layer = last_year.layer
            and shifted.region_code = last_year.region_code
            and shifted.sector = last_year.sector
            and shifted.period_type = last_year.period_type
            and shifted.seasonal_start = last_year.period_start
    inner join totals as last_parent
        on
            shifted.layer = last_parent.layer
            and shifted.region_code = last_parent.region_code
            and shifted.sector = last_parent.sector
            and shifted.parent_type = last_parent.period_type
            and cast({{ dbt.dateadd('year', -1, 'shifted.parent_start') }} as date)
            = last_parent.period_start
),

measured as (
    select layer, region_code, period_type, period_start, sector,
        cast(null as {{ dbt.type_string() }}) as subsector,
        cast(null as {{ dbt.type_string() }}) as fuel_code,
        cast(null as {{ dbt.type_string() }}) as scope,
        'emissions_tco2' as measure, expected, observed, note
    from yoy
    union all
    select layer, region_code, period_type, period_start, sector,
        cast(null as {{ dbt.type_string() }}),
        cast(null as {{ dbt.type_string() }}),
        cast(null as {{ dbt.type_string() }}),
        'emissions_tco2', expected, observed, note
    from seasonal
),

final as (
    select {{ consistency_columns('C7', 'warn') }}
    from measured
)

select * from final

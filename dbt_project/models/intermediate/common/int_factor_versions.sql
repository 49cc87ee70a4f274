{#-
    c(f) and e(f) valid at the first day of every month of the calendar
    (METHOD 1 and 8: the version with the latest valid_from on or before the
    period's start; c and e each by its own valid_from). Any period joins on
    the month its period_start falls in, since versions start on a month's
    first day.
-#}
with months as (
    select distinct month_start from {{ ref('int_calendar_days') }}
),

coefficient_candidates as (
    select
        fuels.fuel_code,
        months.month_start,
        fuels.std_coal_coeff,
        row_number() over (
            partition by fuels.fuel_code, months.month_start
            order by fuels.valid_from desc
        ) as version_rank
    from months
    inner join {{ ref('stg_fuels') }} as fuels
        on months.month_start >= fuels.valid_from
),

factor_candidates as (
    select
        factors.fuel_code,
        months.month_start,
        factors.co2_per_tce,
        row_number() over (
            partition by factors.fuel_code, months.month_start
            order by factors.valid_from desc
        ) as version_rank
    from months
    inner join {{ ref('stg_emission_factors') }} as factors
        on months.month_start >= factors.valid_from
),

final as (
    select
        coefficients.fuel_code,
        coefficients.month_start,
        coefficients.std_coal_coeff,
        factors.co2_per_tce
    from coefficient_candidates as coefficients
    left join factor_candidates as factors
        on
            coefficients.fuel_code = factors.fuel_code
            and coefficients.month_start = factors.month_start
            and factors.version_rank = 1
    where coefficients.version_rank = 1
)

select * from final

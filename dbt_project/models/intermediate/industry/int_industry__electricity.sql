{#-
    Grid electricity of every industrial subsector (METHOD 3 "grid figures",
    METHOD 4 "Industry"): series electricity, sector industry, one two-digit
    industry_code, at every period type. Elec(i) is the grid company's figure
    and is never scaled by k(i). Rows with an empty industry_code (all
    industry) and rows of industries whose sector is energy (code 44) are used
    by no industry model (METHOD 8).
-#}
{{ period_scoped_incremental(kind='period') }}  {#- rebuilds only its refresh scope on an update (macros/refresh_scope.sql) -#}
with grid as (
    select * from {{ ref('int_grid_figures') }}
    where
        series = 'electricity'
        and sector_code = 'industry'
        and industry_code is not null
),

energy_industries as (
    select industry_code
    from {{ ref('stg_industries') }}
    where sector = 'energy'
),

final as (
    select
        grid.region_code,
        grid.industry_code,
        grid.period_type,
        grid.period_start,
        cast(grid.value as double precision) as electricity_mwh
    from grid
    where not exists (
        select 1
        from energy_industries
        where energy_industries.industry_code = grid.industry_code
    )
)

select * from final{{ where_in_refresh_scope() }}

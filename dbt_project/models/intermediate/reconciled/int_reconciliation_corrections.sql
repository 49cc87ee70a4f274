{#-
    Corrections of the reconciled layer (METHOD 6, merge standard 6.2.3), one row per object and
    measure. Step 'temporal': a province's energy (5.3) and industry (5.6) months of a year vs
    the annual figure (5.2 / 5.5); applied only when all 12 months of the region and sector are
    reported and every measure of the object is within the band. Step 'spatial': the cities of
    a province vs the province's (temporally reconciled) row, per period, sector, subsector,
    fuel and scope. Indirect emissions follow their activity in the temporal step (each period
    keeps its own factor: 'factor timing').
-#}
{{ period_scoped_incremental(kind='reconciled') }}  {#- rebuilds only its refresh scope on an update (macros/refresh_scope.sql) -#}
with temporal as (
    select * from {{ ref('int_reconciled__temporal') }}{{ where_in_refresh_inputs() }}
),

spatial as (
    select * from {{ ref('int_reconciled__spatial') }}{{ where_in_refresh_inputs() }}
),

unioned as (
    select * from temporal
    union all
    select * from spatial
),

final as (
    select
        cast(step as {{ dbt.type_string() }}) as step,
        cast(region_code as {{ dbt.type_string() }}) as region_code,
        cast(period_type as {{ dbt.type_string() }}) as period_type,
        cast(period_start as date) as period_start,
        cast(sector as {{ dbt.type_string() }}) as sector,
        cast(subsector as {{ dbt.type_string() }}) as subsector,
        cast(fuel_code as {{ dbt.type_string() }}) as fuel_code,
        cast(scope as {{ dbt.type_string() }}) as scope,
        cast(measure as {{ dbt.type_string() }}) as measure,
        cast(object_key as {{ dbt.type_string() }}) as object_key,
        cast(parent_value as double precision) as parent_value,
        cast(children_sum as double precision) as children_sum,
        cast(factor as double precision) as factor,
        applied,
        cast(reason as {{ dbt.type_string() }}) as reason
    from unioned
)

select * from final{{ where_in_refresh_scope() }}

{#-
    The computed layer (METHOD 6): every row of every model 5.2-5.19 for provinces, cities and
    counties, each model over its own sources, with the nation as the sum of its provinces key
    by key (method 'rollup'). The reconciled layer is built from this model, and fct_emissions
    publishes both (computed union all reconciled), so nothing here may read fct_emissions.
-#}
{{ period_scoped_incremental(kind='sector') }}  {#- rebuilds only its refresh scope on an update (macros/refresh_scope.sql) -#}
{%- set sector_models = [
    'int_energy_5_2_province_year',
    'int_energy_5_3_province_quarter_month',
    'int_energy_5_4_province_day',
    'int_energy_5_12_city_year_quarter_month',
    'int_energy_5_13_city_day',
    'int_industry_5_5_province_year',
    'int_industry_5_6_province_quarter_month',
    'int_industry_5_7_province_day',
    'int_industry_5_14_city_year_quarter_month',
    'int_industry_5_15_city_day',
    'int_other_5_8_province_year',
    'int_other_5_9_province_quarter',
    'int_other_5_10_province_month',
    'int_other_5_11_province_day',
    'int_other_5_16_city_year',
    'int_other_5_17_city_quarter',
    'int_other_5_18_city_month',
    'int_other_5_19_city_day',
] -%}

with computed as (
    {%- for model_name in sector_models %}
        select
            region_code,
            period_type,
            period_start,
            sector,
            subsector,
            fuel_code,
            scope,
            activity_quantity,
            energy_tce,
            emissions_tco2,
            method,
            estimate_type
        from {{ ref(model_name) }}{{ where_in_refresh_scope() }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

regions as (
    select * from {{ ref('stg_regions') }}
),

regional as (
    select
        computed.region_code,
        regions.region_level,
        computed.period_type,
        computed.period_start,
        computed.sector,
        computed.subsector,
        computed.fuel_code,
        computed.scope,
        computed.activity_quantity,
        computed.energy_tce,
        computed.emissions_tco2,
        computed.method,
        computed.estimate_type
    from computed
    inner join regions on computed.region_code = regions.region_code
),

{#- The weakest estimate type among the provinces names the nation's row. #}

nation as (
    select
        nations.region_code,
        'nation' as region_level,
        regional.period_type,
        regional.period_start,
        regional.sector,
        regional.subsector,
        regional.fuel_code,
        regional.scope,
        sum(regional.activity_quantity) as activity_quantity,
        sum(regional.energy_tce) as energy_tce,
        sum(regional.emissions_tco2) as emissions_tco2,
        'rollup' as method,
        {{ weakest_estimate_type('regional.estimate_type') }} as estimate_type
    from regional
    inner join regions as provinces
        on regional.region_code = provinces.region_code and provinces.region_level = 'province'
    inner join regions as nations
        on provinces.parent_code = nations.region_code and nations.region_level = 'nation'
    group by
        nations.region_code,
        regional.period_type,
        regional.period_start,
        regional.sector,
        regional.subsector,
        regional.fuel_code,
        regional.scope
),

unioned as (
    select * from regional
    union all
    select * from nation
),

final as (
    select {{ fct_emissions_columns('computed') }}
    from unioned
)

select * from final{{ where_in_refresh_scope() }}

{#- Standard 5.19: other sectors of a city/county, day (cascade of the month). Rows of int_other__emissions; see _other_models.yml. -#}
{{ config(materialized='view') }}  {#- a filter of the sector's rows: a view, not a copy (issue 4) -#}
{{ other_model_rows(['city', 'county'], 'day', '5.19') }}

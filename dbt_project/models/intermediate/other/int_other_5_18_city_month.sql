{#- Standard 5.18: other sectors of a city/county, month (cascade of the quarter). Rows of int_other__emissions; see _other_models.yml. -#}
{{ config(materialized='view') }}  {#- a filter of the sector's rows: a view, not a copy (issue 4) -#}
{{ other_model_rows(['city', 'county'], 'month', '5.18') }}

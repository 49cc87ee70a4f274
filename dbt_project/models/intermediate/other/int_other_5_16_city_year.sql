{#- Standard 5.16: other sectors of a city/county, year (activity x intensity). Rows of int_other__emissions; see _other_models.yml. -#}
{{ config(materialized='view') }}  {#- a filter of the sector's rows: a view, not a copy (issue 4) -#}
{{ other_model_rows(['city', 'county'], 'year', '5.16') }}

{#- Standard 5.8: other sectors of a province, year (energy_balance flows; indirect from grid Elec(s), Heat(s)). Rows of int_other__emissions; see _other_models.yml. -#}
{{ config(materialized='view') }}  {#- a filter of the sector's rows: a view, not a copy (issue 4) -#}
{{ other_model_rows(['province'], 'year', '5.8') }}

{#- Standard 5.10: other sectors of a province, month (cascade of the quarter by Elec(s)). Rows of int_other__emissions; see _other_models.yml. -#}
{{ config(materialized='view') }}  {#- a filter of the sector's rows: a view, not a copy (issue 4) -#}
{{ other_model_rows(['province'], 'month', '5.10') }}

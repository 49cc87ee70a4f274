{#- Standard 5.9: other sectors of a province, quarter (cascade of the year by Elec(s)). Rows of int_other__emissions; see _other_models.yml. -#}
{{ config(materialized='view') }}  {#- a filter of the sector's rows: a view, not a copy (issue 4) -#}
{{ other_model_rows(['province'], 'quarter', '5.9') }}

{#- Standard 5.9: other sectors of a province, quarter (cascade of the year by Elec(s)). Rows of int_other__emissions; see _other_models.yml. -#}
{{ other_model_rows(['province'], 'quarter', '5.9') }}

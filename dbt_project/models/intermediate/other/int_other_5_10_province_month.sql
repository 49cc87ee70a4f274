{#- Standard 5.10: other sectors of a province, month (cascade of the quarter by Elec(s)). Rows of int_other__emissions; see _other_models.yml. -#}
{{ other_model_rows(['province'], 'month', '5.10') }}

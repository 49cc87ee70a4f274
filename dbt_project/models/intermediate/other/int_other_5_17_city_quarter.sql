{#- Standard 5.17: other sectors of a city/county, quarter (cascade of the year). Rows of int_other__emissions; see _other_models.yml. -#}
{{ other_model_rows(['city', 'county'], 'quarter', '5.17') }}

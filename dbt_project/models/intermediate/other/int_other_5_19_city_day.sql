{#- Standard 5.19: other sectors of a city/county, day (cascade of the month). Rows of int_other__emissions; see _other_models.yml. -#}
{{ other_model_rows(['city', 'county'], 'day', '5.19') }}

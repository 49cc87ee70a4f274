{#- Standard 5.16: other sectors of a city/county, year (activity x intensity). Rows of int_other__emissions; see _other_models.yml. -#}
{{ other_model_rows(['city', 'county'], 'year', '5.16') }}

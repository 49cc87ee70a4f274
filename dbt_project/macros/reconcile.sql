{#- Helpers of the reconciled layer (models/intermediate/reconciled). -#}

{#- One row per object and measure from a relation with parent_* and child_* columns.
    With indirect_follows_activity, an indirect object's emissions take its activity figures
    so that its factor equals the activity's (emissions keep their period's own EF). -#}
{% macro reconcile_measures(relation, period_column, indirect_follows_activity=false) -%}
    {%- set measures = [
        ('activity_quantity', 'activity'),
        ('energy_tce', 'tce'),
        ('emissions_tco2', 'emissions'),
    ] -%}
    {%- for measure, suffix in measures %}
    select
        region_code,
        period_type,
        {{ period_column }} as period_start,
        sector,
        subsector,
        fuel_code,
        scope,
        n_complete,
        '{{ measure }}' as measure,
        {%- if indirect_follows_activity and suffix == 'emissions' %}
        case when scope = 'direct' then parent_emissions else parent_activity end as parent_value,
        case when scope = 'direct' then child_emissions else child_activity end as children_sum
        {%- else %}
        parent_{{ suffix }} as parent_value,
        child_{{ suffix }} as children_sum
        {%- endif %}
    from {{ relation }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}

{#- The band decision of the merge standard (6.2.3) per object: scale only when the object is
    complete and every measure of it is within the band; factor = parent / children sum. -#}
{% macro reconcile_decide(relation, step, complete_reason) -%}
    select
        {{ step }} as step,
        region_code,
        period_type,
        period_start,
        sector,
        subsector,
        fuel_code,
        scope,
        measure,
        {{ dbt.concat([
            'region_code', "'|'", 'period_type', "'|'",
            'cast(period_start as ' ~ dbt.type_string() ~ ')', "'|'",
            'sector', "'|'", 'subsector', "'|'", 'fuel_code', "'|'", 'scope'
        ]) }} as object_key,
        parent_value,
        children_sum,
        case
            when object_state = 'scaled' and children_sum <> 0 then parent_value / children_sum
            else 1.0
        end as factor,
        object_state = 'scaled' as applied,
        object_state as reason
    from (
        select
            {{ relation }}.*,
            case
                when n_complete = 0 then {{ complete_reason }}
                when max(
                    case when abs(children_sum - parent_value) <= 1e-9 * abs(parent_value) then 0 else 1 end
                ) over (
                    partition by region_code, period_type, period_start, sector, subsector, fuel_code, scope
                ) = 0 then 'consistent'
                when max(
                    case
                        when
                            abs(children_sum - parent_value)
                            <= {{ reconcile_band() }} * abs(parent_value)
                            and (children_sum <> 0 or parent_value = 0)
                            then 0
                        else 1
                    end
                ) over (
                    partition by region_code, period_type, period_start, sector, subsector, fuel_code, scope
                ) = 0 then 'scaled'
                else 'outside band'
            end as object_state
        from {{ relation }}
    ) as decided
{%- endmacro %}

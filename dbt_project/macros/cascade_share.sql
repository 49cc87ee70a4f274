{#-
    Share of a parent quantity that one child period receives (METHOD 3,
    disaggregation): Q(parent) * D(child) / SUM of the siblings' drivers,
    where the siblings are the children present. A parent whose drivers sum
    to zero splits evenly over its sibling_count children. The share is taken
    first (D / SUM D), then scaled: Q * D would underflow for tiny drivers
    (found by the property test). One expression so
    that the models and the property test (tests/test_cascade_property.py)
    evaluate the same compiled SQL.
-#}
{% macro cascade_share(parent_qty, child_driver, sibling_driver_sum, sibling_count) -%}
    case
        when {{ sibling_driver_sum }} = 0
            then {{ parent_qty }} / cast({{ sibling_count }} as double precision)
        else {{ parent_qty }} * ({{ child_driver }} / {{ sibling_driver_sum }})
    end
{%- endmacro %}

from django import template

from funding.money import format_pounds

register = template.Library()


@register.filter
def pounds(pence, options=""):
    """Pence as "£1,234.56"; options: "whole" (to the pound, as papers print), "sign" (+ on increases)."""
    if pence is None or pence == "":
        return ""
    flags = set(str(options).split(","))
    return format_pounds(int(pence), sign="sign" in flags, whole="whole" in flags)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None

from typing import Any

from django import template

from childpath.lib import geo, slots

register = template.Library()


@register.filter
def country_name(code: str) -> str:
    return geo.country_name(code)


@register.filter
def language_name(code: str) -> str:
    return geo.language_name(code)


@register.simple_tag(takes_context=True)
def slot_links(context: template.Context) -> list[dict[str, Any]]:
    """Menu links the outer apps register (childpath.lib.slots, slot "nav")."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return []
    return [entry.context for entry in slots.fill("nav", request)]

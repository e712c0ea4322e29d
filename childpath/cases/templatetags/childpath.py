from django import template

from childpath.lib import geo

register = template.Library()


@register.filter
def country_name(code: str) -> str:
    return geo.country_name(code)


@register.filter
def language_name(code: str) -> str:
    return geo.language_name(code)

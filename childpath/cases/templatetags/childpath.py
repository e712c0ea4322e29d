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


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*forms: Any, extra: Any = (), extra_href: str = "") -> dict[str, Any]:
    """One error summary at the top of a page for all of its forms, each error linking to its
    field (GOV.UK Design System: one summary, not one box per form). ``extra``: errors that
    belong to no field of these forms (a panel's members), linking to ``extra_href``."""
    errors: list[dict[str, str]] = [{"href": extra_href, "text": str(e)} for e in extra or ()]
    for form in forms:
        if form is None or not getattr(form, "errors", None):
            continue
        errors += [{"href": "", "text": str(error)} for error in form.non_field_errors()]
        for field in form:
            errors += [
                {
                    "href": f"#{field.id_for_label or field.auto_id}",
                    "text": f"{field.label}: {error}",
                }
                for error in field.errors
            ]
    return {"errors": errors}

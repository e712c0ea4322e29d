from typing import Any

from django import template
from django.utils.safestring import SafeString

from childpath.accounts.models import Role
from childpath.cases import rows
from childpath.lib import geo, slots, urls
from childpath.lib.field_html import field_html

register = template.Library()


@register.filter
def country_name(code: str) -> str:
    return geo.country_name(code)


@register.filter
def language_name(code: str) -> str:
    return geo.language_name(code)


# The roles whose work joins Childpath to other systems: case-management systems of the
# lead agency (cases, referrals), the focal point's cross-border exchange, statistics and
# audit exports, and the administrators who set integrations up. A teacher, a nurse, a police
# officer on patrol, a shelter worker or a panel member works in the pages only: a link to
# the API would be one more thing to read past on a phone. The documentation stays at its
# address for anyone signed in. A role, not "holds a token": that would cost a query on
# every page, and a token is what someone gets after reading the documentation.
API_ROLES = frozenset(
    {
        Role.CASEWORKER,
        Role.COORDINATOR,
        Role.FOCAL_POINT,
        Role.ANALYST,
        Role.AUDITOR,
        Role.ADMINISTRATOR,
    }
)


@register.filter
def uses_api(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        getattr(user, "role", "") in API_ROLES or bool(getattr(user, "is_staff", False))
    )


@register.simple_tag
def path_of(name: str) -> str:
    """``{% url name %}`` for a page without arguments, reversed once per process (the menu
    and the frame of every page: childpath.lib.urls)."""
    return urls.path_of(name)


@register.simple_tag(takes_context=True)
def slot_links(context: template.Context) -> list[dict[str, Any]]:
    """Menu links the outer apps register (childpath.lib.slots, slot "nav")."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return []
    return [entry.context for entry in slots.fill("nav", request)]


@register.simple_tag(takes_context=True)
def case_rows(context: template.Context, cases: Any, names: bool = False) -> SafeString:
    """The rows of ``cases/table.html``, written in Python (cases/rows.py), with the words
    the template translated."""
    labels = {name: context[name] for name in rows.LABELS}
    return rows.rows_html(rows.case_rows(cases, names=bool(names)), labels, names=bool(names))


@register.simple_tag
def form_field(field: Any, optional: str) -> SafeString:
    """A field with its label, help and errors (lib/field_html.py): ``includes/field.html``."""
    return field_html(field, optional)


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

"""What the exchange app shows on shared pages (childpath.lib.slots): a section of the case
page, the focal point's home card, menu links, and rows on *Children without a pathway*.
Each costs one or two queries, never one per row."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from childpath.accounts.models import Role, User
from childpath.cases.models import Case
from childpath.exchange import selectors, services
from childpath.lib import slots
from childpath.lib.urls import path_of


def _user(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_active else None


def case_section(request: HttpRequest, case: Case, may_edit: bool) -> dict[str, Any] | None:
    user = _user(request)
    if user is None:
        return None
    referrals = list(selectors.for_case(case))
    if not referrals and not may_edit:
        return None
    return {
        "referrals": referrals,
        "now": timezone.now(),
        "focal": services.is_focal_point(user),
        "new_url": reverse("federation-request", kwargs={"reference": case.reference})
        if may_edit
        else "",
    }


def home_card(request: HttpRequest) -> dict[str, Any] | None:
    user = _user(request)
    if user is None or not services.is_focal_point(user):
        return None
    return {"count": selectors.attention_count(), "url": reverse("federation-home")}


def nav_focal(request: HttpRequest) -> dict[str, Any] | None:
    user = _user(request)
    if user is None or not services.is_focal_point(user):
        return None
    return {"url": path_of("federation-home"), "label": _("Cross-border")}


def nav_peers(request: HttpRequest) -> dict[str, Any] | None:
    user = _user(request)
    if user is None or user.role != Role.ADMINISTRATOR:
        return None
    return {"url": path_of("federation-peers"), "label": _("Federation")}


def pathways(request: HttpRequest) -> dict[str, Any] | None:
    user = _user(request)
    if user is None or not user.may_see_cases:
        return None
    rows = selectors.without_pathway_rows(user)
    return {"rows": rows, "now": timezone.now()} if rows else None


def register() -> None:
    slots.register(
        "case",
        name="cross-border",
        order=45,
        context=case_section,
        template="exchange/case_section.html",
    )
    slots.register(
        "home", name="cross-border", order=12, context=home_card, template="exchange/home_card.html"
    )
    slots.register("nav", name="cross-border", order=42, context=nav_focal)
    slots.register("nav", name="federation-peers", order=90, context=nav_peers)
    slots.register(
        "pathways",
        name="cross-border",
        order=10,
        context=pathways,
        template="exchange/pathways.html",
    )

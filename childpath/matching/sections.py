"""What matching shows on shared pages (childpath.lib.slots): a case section and a menu link."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from childpath.accounts.models import Role, User
from childpath.cases.models import Case
from childpath.lib.urls import path_of
from childpath.matching import selectors, services


def _user(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.may_see_cases else None


def case_section(request: HttpRequest, case: Case, may_edit: bool) -> dict[str, Any] | None:
    user = _user(request)
    if user is None:
        return None
    asks = services.may_ask(user)
    duplicates = selectors.duplicates_of_case(user, case)
    if not asks and not duplicates:
        return None
    return {
        "may_ask": asks,
        "peers": selectors.peers() if asks else [],
        "queries": selectors.queries_of_case(case) if asks else [],
        "ask_url": reverse("matching-ask", args=[case.reference]),
        "duplicates": duplicates,
    }


def nav_duplicates(request: HttpRequest) -> dict[str, Any] | None:
    user = _user(request)
    if user is None or user.role not in (Role.COORDINATOR, Role.CASEWORKER):
        return None
    return {"url": path_of("matching-duplicates"), "label": _("Possible duplicates")}


def home_duplicates(request: HttpRequest) -> dict[str, Any] | None:
    """A card for coordinators: possible duplicates of their cases still to check. Both
    cases' teams see it, each through its own case (one count query)."""
    user = _user(request)
    if user is None or user.role not in (Role.COORDINATOR, Role.CASEWORKER):
        return None
    count = selectors.open_duplicates_count(user)
    if not count:
        return None
    return {"count": count, "url": reverse("matching-duplicates")}

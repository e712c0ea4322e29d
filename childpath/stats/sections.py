"""What the statistics add to shared pages through childpath/lib/slots.py: a menu link, and a
card on the home page (analysts: the period's headline figures and the way in; coordinators:
the barrier indicators of the own organisation's cases, protected the same way)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from childpath.accounts.models import Role, User
from childpath.stats import access, barriers, selectors
from childpath.stats.periods import year


def _user(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and access.may_see(user) else None


def nav(request: HttpRequest) -> dict[str, Any] | None:
    if _user(request) is None:
        return None
    return {"url": reverse("stats"), "label": _("Statistics")}


def home(request: HttpRequest) -> dict[str, Any] | None:
    user = _user(request)
    if user is None:
        return None
    period = year(timezone.localdate().year)
    organisation = access.scope(user)
    context: dict[str, Any] = {
        "period": period,
        "is_analyst": user.role == Role.ANALYST,
        "organisation": organisation,
        "threshold": selectors.Protection.default().threshold,
    }
    if user.role == Role.COORDINATOR:
        figures = barriers.indicators(period, organisation)
        context["shares"] = figures["shares"]
        context["times"] = figures["times"]
    else:
        context["status"] = selectors.table("status", period)
    return context

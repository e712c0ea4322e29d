"""What the referrals app shows on shared pages (childpath.lib.slots): the case page section,
home cards and menu links. Each costs at most one or two queries, never one per row."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from childpath.accounts.models import User
from childpath.cases.models import Case
from childpath.lib.urls import path_of
from childpath.referrals import access, lifecycle, pathways, presenters, selectors
from childpath.referrals.labels import REASON_LABELS, need_labels


def _user(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.may_see_cases else None


def _receives(user: User) -> bool:
    """Whether the user's organisation is a service that receives referrals (no query: the
    organisation comes with the user)."""
    return user.organisation is not None and user.organisation.is_service_provider


def case_section(request: HttpRequest, case: Case, may_edit: bool) -> dict[str, Any] | None:
    user = _user(request)
    if user is None:
        return None
    referrals = list(selectors.for_case(case))
    now = timezone.now()
    needs = need_labels(r.need for r in referrals)
    views = [
        presenters.view(
            r,
            access.sides_on_case(user, r, may_edit=may_edit),
            case_reference=case.reference,
            needs=needs,
            now=now,
        )
        for r in referrals
    ]
    reasons = pathways.reasons(
        stage=case.stage,
        has_coordinator=case.coordinator_id is not None,
        support_since=case.created_at,
        referrals=[selectors.facts(r) for r in referrals],
        now=now,
    )
    return {
        "views": views,
        "next": reverse("case-detail", kwargs={"reference": case.reference}),
        "new_url": presenters.directory_search(case_reference=case.reference) if may_edit else "",
        "reasons": [REASON_LABELS[reason.code] for reason in reasons],
    }


def home_pathways(request: HttpRequest) -> dict[str, Any] | None:
    user = _user(request)
    if user is None or user.role not in selectors.PATHWAY_ROLES:
        return None
    return {"count": selectors.without_pathway(user).count(), "url": reverse("pathways")}


def home_incoming(request: HttpRequest) -> dict[str, Any] | None:
    user = _user(request)
    if user is None or not _receives(user):
        return None
    waiting = selectors.incoming(user).filter(status__in=lifecycle.PENDING).count()
    return {"count": waiting, "url": reverse("referrals-incoming")}


def nav_pathways(request: HttpRequest) -> dict[str, Any] | None:
    user = _user(request)
    if user is None or user.role not in selectors.PATHWAY_ROLES:
        return None
    return {"url": path_of("pathways"), "label": _("Without a pathway")}


def nav_incoming(request: HttpRequest) -> dict[str, Any] | None:
    user = _user(request)
    if user is None or not _receives(user):
        return None
    return {"url": path_of("referrals-incoming"), "label": _("Incoming referrals")}


def nav_notifications(request: HttpRequest) -> dict[str, Any] | None:
    user = _user(request)
    if user is None:
        return None
    unread = selectors.unread_count(user)
    if unread:
        label = ngettext(
            "Notifications (%(count)d unread)", "Notifications (%(count)d unread)", unread
        ) % {"count": unread}
    else:
        label = _("Notifications")
    return {"url": path_of("notifications"), "label": label}

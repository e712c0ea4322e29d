"""Reading referrals: a case's referrals, a service's inbox, and the children without a pathway.

Each list costs a constant number of queries, whatever the number of cases (STYLE.md 6).
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from childpath.accounts.models import Role, User
from childpath.cases.models import Case, CaseQuerySet
from childpath.identification.selectors import protection_statuses
from childpath.referrals import lifecycle, pathways
from childpath.referrals.models import Referral

# Who looks after pathways: the coordinator's home card and menu link (DESIGN.md section 3).
PATHWAY_ROLES = frozenset({Role.COORDINATOR, Role.CASEWORKER})

WITH_SERVICE = (
    "service_at_location__service__organization",
    "service_at_location__location",
    "to_organisation",
)


def for_case(case: Case) -> QuerySet[Referral]:
    """The referrals of a case the caller already may see, newest first, in one query."""
    return case.referrals.select_related(*WITH_SERVICE, "sent_by")  # type: ignore[attr-defined, no-any-return]


def incoming(user: User) -> QuerySet[Referral]:
    """Referrals sent to the user's organisation, newest first (the receiver's inbox)."""
    if not user.may_see_cases or user.organisation_id is None:
        return Referral.objects.none()
    return (
        Referral.objects.filter(to_organisation_id=user.organisation_id)
        .select_related(*WITH_SERVICE, "from_organisation", "case")
        .order_by("-sent_at", "-id")
    )


def unread_count(user: User) -> int:
    """The menu's count: kept on the user row (``referrals.notifications``), no query."""
    return user.unread_notifications


def overdue_condition(now: datetime) -> Q:
    return Q(status=lifecycle.SENT, acknowledge_by__lte=now) | Q(
        status__in=lifecycle.PENDING, respond_by__lte=now
    )


def without_pathway(user: User, now: datetime | None = None) -> CaseQuerySet:
    """Open cases the user may see without a pathway (DESIGN.md rule 9): any case with an
    overdue referral, or a declined or unanswered one that nobody acted on (no later referral
    for the same need accepted or waiting, no decision recorded); and a case whose status
    calls for support without a coordinator or an accepted or active referral.
    ``pathways.needs_attention`` is the same rule in Python."""
    now = now or timezone.now()
    referrals = Referral.objects.filter(case=OuterRef("pk"))
    answered = Referral.objects.filter(
        case=OuterRef("case"),
        need=OuterRef("need"),
        sent_at__gt=OuterRef("status_changed_at"),
        status__in=pathways.ANSWERING,
    )
    supported = Exists(referrals.filter(status__in=lifecycle.SUPPORTING))
    overdue = Exists(referrals.filter(overdue_condition(now)))
    unresolved = Exists(
        referrals.filter(status__in=lifecycle.UNANSWERED, settled_at__isnull=True).filter(
            ~Exists(answered)
        )
    )
    needs_support = Q(stage__in=pathways.SUPPORT_STAGES) & (
        Q(coordinator__isnull=True) | ~supported
    )
    return (
        Case.objects.visible_to(user)
        .exclude(stage__in=pathways.CLOSED_STAGES)
        .filter(needs_support | overdue | unresolved)
    )


@dataclass(frozen=True)
class PathwayRow:
    case: Case
    reasons: list[pathways.Reason]
    waiting_since: datetime | None
    # Services named by the reasons, by referral id.
    services: dict[str, str]


def facts(referral: Referral) -> pathways.ReferralFacts:
    return pathways.ReferralFacts(
        id=str(referral.pk),
        status=referral.status,
        need=referral.need,
        sent_at=referral.sent_at,
        status_changed_at=referral.status_changed_at,
        acknowledge_by=referral.acknowledge_by,
        respond_by=referral.respond_by,
        settled=referral.settled_at is not None,
    )


def explain(cases: Sequence[Case], now: datetime | None = None) -> list[PathwayRow]:
    """Each case with its reasons and how long it has waited: two queries for any number."""
    now = now or timezone.now()
    ids = [case.pk for case in cases]
    by_case: dict[int, list[Referral]] = defaultdict(list)
    for referral in Referral.objects.filter(case_id__in=ids).select_related(
        "service_at_location__service"
    ):
        by_case[referral.case_id].append(referral)
    statuses = protection_statuses(ids)
    rows = []
    for case in cases:
        status = statuses.get(case.pk)
        since = (status.presumed_since if status else None) or case.created_at
        found = pathways.reasons(
            stage=case.stage,
            has_coordinator=case.coordinator_id is not None,
            support_since=since,
            referrals=[facts(r) for r in by_case[case.pk]],
            now=now,
        )
        rows.append(
            PathwayRow(
                case=case,
                reasons=found,
                waiting_since=pathways.waiting_since(found),
                services={str(r.pk): r.service_at_location.service.name for r in by_case[case.pk]},
            )
        )
    return rows


def pathway_list(user: User) -> CaseQuerySet:
    """The list for the page and the API: the longest known cases first."""
    return without_pathway(user).select_related("coordinator").order_by("created_at", "id")

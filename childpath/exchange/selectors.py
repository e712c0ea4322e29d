"""Reading cross-border referrals, peers and messages. Each list costs a constant number of
queries (STYLE.md 6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from childpath.accounts.models import User
from childpath.cases.models import Case
from childpath.exchange import lifecycle
from childpath.exchange.models import (
    CrossBorderReferral,
    Delivery,
    Direction,
    InformationRequest,
    OutboxMessage,
    Peer,
    PeerStatus,
    Status,
)

FAILED = (Delivery.REFUSED, Delivery.UNDELIVERABLE)
WITH = ("peer", "case", "requested_by", "focal_point", "lead_organisation")


def all_referrals() -> QuerySet[CrossBorderReferral]:
    """Everything the national focal point handles (one authority per country: ICMPD)."""
    return CrossBorderReferral.objects.select_related(*WITH)


def for_case(case: Case) -> QuerySet[CrossBorderReferral]:
    return CrossBorderReferral.objects.filter(case=case).select_related("peer")


def active_peers() -> QuerySet[Peer]:
    return Peer.objects.filter(status=PeerStatus.ACTIVE)


def peers() -> QuerySet[Peer]:
    return Peer.objects.exclude(status=PeerStatus.REMOVED)


def _later_request() -> Exists:
    """Another cross-border request for the same case made after this one was answered."""
    return Exists(
        CrossBorderReferral.objects.filter(
            case=OuterRef("case"), requested_at__gt=OuterRef("status_changed_at")
        )
    )


def overdue(now: datetime) -> Q:
    return Q(status__in=lifecycle.PENDING, respond_by__lt=now)


def incoming_pending(now: datetime) -> Q:
    """Requests from abroad this focal point has still to accept or decline, not yet late."""
    return Q(direction=Direction.INCOMING, status__in=lifecycle.PENDING) & ~overdue(now)


def unresolved_outgoing() -> Q:
    """Declined or returned and not followed by another request: never silently dropped."""
    return Q(direction=Direction.OUTGOING, status__in=[Status.DECLINED, Status.RETURNED])


@dataclass(frozen=True)
class Attention:
    waiting_review: list[CrossBorderReferral]
    to_answer: list[CrossBorderReferral]
    overdue: list[CrossBorderReferral]
    unresolved: list[CrossBorderReferral]
    questions: list[InformationRequest]
    failed: list[OutboxMessage]

    @property
    def count(self) -> int:
        return (
            len(self.waiting_review)
            + len(self.to_answer)
            + len(self.overdue)
            + len(self.unresolved)
            + len(self.questions)
            + len(self.failed)
        )


def failed_messages() -> QuerySet[OutboxMessage]:
    return OutboxMessage.objects.filter(state__in=FAILED, failure_seen_at__isnull=True)


def attention(now: datetime | None = None, limit: int = 50) -> Attention:
    """What the focal point must act on: six queries, whatever the numbers."""
    now = now or timezone.now()
    referrals = all_referrals()
    return Attention(
        waiting_review=list(referrals.filter(status=Status.REQUESTED)[:limit]),
        to_answer=list(referrals.filter(incoming_pending(now)).order_by("respond_by")[:limit]),
        overdue=list(referrals.filter(overdue(now)).order_by("respond_by")[:limit]),
        unresolved=list(referrals.filter(unresolved_outgoing()).filter(~_later_request())[:limit]),
        questions=list(
            InformationRequest.objects.filter(asked_here=False, answered_at__isnull=True)
            .select_related("referral__peer")
            .order_by("due_by")[:limit]
        ),
        failed=list(failed_messages().select_related("peer", "conversation__referral")[:limit]),
    )


def attention_count(now: datetime | None = None) -> int:
    now = now or timezone.now()
    referrals = CrossBorderReferral.objects.all()
    return (
        referrals.filter(
            Q(status=Status.REQUESTED)
            | incoming_pending(now)
            | overdue(now)
            | (unresolved_outgoing() & ~Q(_later_request()))
        ).count()
        + InformationRequest.objects.filter(asked_here=False, answered_at__isnull=True).count()
        + failed_messages().count()
    )


def without_pathway_rows(user: User, now: datetime | None = None) -> list[CrossBorderReferral]:
    """Cross-border referrals of cases the user may see that leave the child without a
    pathway: declined, returned, overdue, or a message that could not be delivered."""
    now = now or timezone.now()
    failed = Exists(
        OutboxMessage.objects.filter(conversation=OuterRef("conversation"), state__in=FAILED)
    )
    return list(
        CrossBorderReferral.objects.filter(
            direction=Direction.OUTGOING, case__in=Case.objects.visible_to(user)
        )
        .annotate(failed=failed)
        .filter((unresolved_outgoing() & ~Q(_later_request())) | overdue(now) | Q(failed=True))
        .select_related("case", "peer")
        .order_by("status_changed_at")[:100]
    )


def messages_of(referral: CrossBorderReferral) -> QuerySet[OutboxMessage]:
    if referral.conversation_id is None:
        return OutboxMessage.objects.none()
    return OutboxMessage.objects.filter(conversation_id=referral.conversation_id).order_by("seq")

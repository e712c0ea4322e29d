"""The overdue worker: find referrals whose deadline has passed, mark them, tell the coordinator.

DESIGN.md 6.5 and STYLE.md practice 4. Each due row is *claimed* with a compare-and-set UPDATE
whose WHERE clause repeats what was read (the same watched deadline, the same status): of
several workers racing for one row exactly one changes it, and only that one notifies. The
claim moves ``due_at`` on (to the answer deadline after a missed acknowledgement, to nothing
after a missed answer), so a second sweep finds nothing to do: the worker is idempotent. The
search for due rows reads only the partial index on ``due_at``, so a sweep with nothing due costs
one index probe however many referrals exist (bench/bench_sweep.py). Claims are committed a
batch at a time; e-mails go out after each commit.
"""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from childpath.cases.changes import record_change
from childpath.cases.models import Case
from childpath.referrals import lifecycle, notifications
from childpath.referrals.models import NotificationKind, Referral

# Due rows claimed per transaction. One commit per batch, not per row: a commit waits for the
# disk (fsync), which cost about 30 ms a row on the benchmark machine. A batch holds the audit
# chain's head for its duration, so it stays small enough not to keep the pages waiting.
BATCH = 100


@dataclass(frozen=True)
class Due:
    """A due referral, with what the claim needs to notify without reading it again."""

    pk: UUID
    status: str
    due_at: datetime
    acknowledge_by: datetime
    respond_by: datetime
    case_id: int
    case_reference: str
    service: str
    # Who is told (notifications.recipient): the coordinator, else the sender, if active.
    recipient_id: int | None
    recipient_email: str


COLUMNS = (
    "pk",
    "status",
    "due_at",
    "acknowledge_by",
    "respond_by",
    "case_id",
    "case__reference",
    "service_at_location__service__name",
    "case__coordinator_id",
    "case__coordinator__is_active",
    "case__coordinator__email",
    "sent_by_id",
    "sent_by__is_active",
    "sent_by__email",
)


def due(now: datetime, limit: int = BATCH) -> list[Due]:
    """Referrals whose watched deadline has passed, oldest first (an index range scan)."""
    rows = Referral.objects.filter(due_at__lte=now).order_by("due_at").values(*COLUMNS)[:limit]
    result = []
    for row in rows:
        if row["case__coordinator_id"] and row["case__coordinator__is_active"]:
            recipient, email = row["case__coordinator_id"], row["case__coordinator__email"]
        elif row["sent_by_id"] and row["sent_by__is_active"]:
            recipient, email = row["sent_by_id"], row["sent_by__email"]
        else:
            recipient, email = None, ""
        result.append(
            Due(
                pk=row["pk"],
                status=row["status"],
                due_at=row["due_at"],
                acknowledge_by=row["acknowledge_by"],
                respond_by=row["respond_by"],
                case_id=row["case_id"],
                case_reference=row["case__reference"],
                service=row["service_at_location__service__name"],
                recipient_id=recipient,
                recipient_email=email or "",
            )
        )
    return result


def claim(row: Due, now: datetime) -> bool:
    """Mark one referral overdue and notify, if this worker wins the row; False if not.

    Six statements when won: the compare-and-set, the notification, the timeline entry and
    the audit event (three); no savepoint inside a sweep's batch (it all commits together).
    """
    kind = lifecycle.missed(row.status, row.acknowledge_by, row.respond_by, now)
    same = Referral.objects.filter(pk=row.pk, status=row.status, due_at=row.due_at)
    with transaction.atomic(savepoint=False):
        if kind is None:
            # Nothing pending any more (a status changed meanwhile): stop watching, quietly.
            same.update(
                due_at=lifecycle.watched_deadline(row.status, row.acknowledge_by, row.respond_by)
            )
            return False
        won = same.update(
            due_at=lifecycle.after_missing(kind, row.respond_by),
            overdue_since=now,
            overdue_deadline=kind,
        )
        if won != 1:
            return False
        deadline = row.respond_by if kind == lifecycle.RESPOND else row.acknowledge_by
        if row.recipient_id is not None:
            notifications.create(
                user_id=row.recipient_id,
                email=row.recipient_email,
                kind=NotificationKind.OVERDUE,
                key=f"{row.pk}:overdue:{kind}",
                referral_id=row.pk,
                case_reference=row.case_reference,
                data={"service": row.service, "deadline": kind, "due": deadline.isoformat()},
            )
        record_change(
            actor=None,
            # The row carries the case's id and reference; that is all the change needs.
            case=Case(pk=row.case_id, reference=row.case_reference),
            kind="referral.overdue",
            data={"referral_id": str(row.pk), "service": row.service, "deadline": kind},
            action="referral.overdue",
            fields=["overdue_deadline"],
        )
    return True


def sweep(now: datetime | None = None, *, batch: int = BATCH) -> int:
    """One pass: claim every due referral; the number this worker marked overdue."""
    now = now or timezone.now()
    marked = 0
    while True:
        # Each claim is still its own compare-and-set (and savepoint) inside the batch.
        with transaction.atomic():
            rows = due(now, batch)
            won = [claim(row, now) for row in rows]
        marked += sum(won)
        # Stop when the index is drained, or when a batch changed nothing of ours (another
        # worker holds the rest: it will finish them).
        if len(rows) < batch or not any(won):
            return marked

"""The life of a referral: statuses, who may move it where, and its deadlines. A pure core.

Plain strings and datetimes in, plain values out; no Django import, so every rule here is
unit- and property-tested on its own (STYLE.md practice 10).

Two sides act on a referral (DESIGN.md section 3): the *sender* side (the case team that
referred the child) and the *receiver* side (the service that was asked to help). The overdue
worker acts as the *system*; it never changes a status, it only marks a missed deadline.
"""

from __future__ import annotations

from datetime import datetime

SENT = "sent"
ACKNOWLEDGED = "acknowledged"
ACCEPTED = "accepted"
DECLINED = "declined"
ACTIVE = "active"
COMPLETED = "completed"
NO_RESPONSE = "no_response"
WITHDRAWN = "withdrawn"
STATUSES = (SENT, ACKNOWLEDGED, ACCEPTED, DECLINED, ACTIVE, COMPLETED, NO_RESPONSE, WITHDRAWN)

SENDER = "sender"
RECEIVER = "receiver"
SIDES = (SENDER, RECEIVER)

# Waiting for the receiver's answer: the deadlines run.
PENDING = frozenset({SENT, ACKNOWLEDGED})
# The child gets the service: a pathway (DESIGN.md rule 9).
SUPPORTING = frozenset({ACCEPTED, ACTIVE})
# Asks the coordinator to choose another service (issue 5, coordination).
UNANSWERED = frozenset({DECLINED, NO_RESPONSE})
FINAL = frozenset({DECLINED, COMPLETED, NO_RESPONSE, WITHDRAWN})
# After these the receiver sees nothing of the case (DESIGN.md rule 8).
CLOSED_TO_RECEIVER = frozenset({DECLINED, NO_RESPONSE, WITHDRAWN})
# The access to the case that accepting gave ends with the referral's purpose: done, refused
# or called off. A completed referral keeps the receiver's own summary (what was shared).
ENDS_ACCESS = FINAL

# (from, to) -> the side that may make the change. One line a rule; each line is tested.
TRANSITIONS: dict[tuple[str, str], str] = {
    (SENT, ACKNOWLEDGED): RECEIVER,
    (SENT, ACCEPTED): RECEIVER,
    (SENT, DECLINED): RECEIVER,
    (ACKNOWLEDGED, ACCEPTED): RECEIVER,
    (ACKNOWLEDGED, DECLINED): RECEIVER,
    (ACCEPTED, ACTIVE): RECEIVER,
    (ACCEPTED, COMPLETED): RECEIVER,
    (ACTIVE, COMPLETED): RECEIVER,
    (SENT, WITHDRAWN): SENDER,
    (ACKNOWLEDGED, WITHDRAWN): SENDER,
    (ACCEPTED, WITHDRAWN): SENDER,
    (ACTIVE, WITHDRAWN): SENDER,
    (SENT, NO_RESPONSE): SENDER,
    (ACKNOWLEDGED, NO_RESPONSE): SENDER,
}
# A decline must say why, so that the coordinator can choose better next time.
REASON_REQUIRED = frozenset({DECLINED})

ACKNOWLEDGE = "acknowledge"
RESPOND = "respond"


class TransitionError(ValueError):
    """A change the state machine does not allow; ``code`` says which rule refused it."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def side_for(current: str, new: str) -> str | None:
    """The side that may move a referral from ``current`` to ``new``; None if nobody may."""
    return TRANSITIONS.get((current, new))


def next_statuses(current: str, sides: frozenset[str] | set[str]) -> list[str]:
    """The statuses the given sides may move to, in the order of STATUSES."""
    return [s for s in STATUSES if TRANSITIONS.get((current, s)) in sides]


def check(current: str, new: str, *, side: str, reason: str) -> None:
    """Raise TransitionError unless ``side`` may make this change with this reason."""
    if new not in STATUSES:
        raise TransitionError("unknown_status")
    allowed = side_for(current, new)
    if allowed is None:
        raise TransitionError("not_allowed")
    if allowed != side:
        raise TransitionError("wrong_side")
    if new in REASON_REQUIRED and not reason.strip():
        raise TransitionError("reason_required")


def deadlines(
    sent_at: datetime, acknowledge_by: datetime, respond_by: datetime
) -> tuple[datetime, datetime]:
    """The two deadlines, the answer never due before the acknowledgement."""
    acknowledge = max(sent_at, acknowledge_by)
    return acknowledge, max(acknowledge, respond_by)


def watched_deadline(
    status: str, acknowledge_by: datetime, respond_by: datetime
) -> datetime | None:
    """The deadline the overdue worker watches for a referral in this status (the due column)."""
    if status == SENT:
        return acknowledge_by
    if status == ACKNOWLEDGED:
        return respond_by
    return None


def missed(
    status: str, acknowledge_by: datetime, respond_by: datetime, now: datetime
) -> str | None:
    """Which deadline a referral has missed at ``now``: the later one wins; None if none."""
    if status not in PENDING:
        return None
    if now >= respond_by:
        return RESPOND
    if status == SENT and now >= acknowledge_by:
        return ACKNOWLEDGE
    return None


def after_missing(kind: str, respond_by: datetime) -> datetime | None:
    """The deadline still to watch once ``kind`` was missed: the answer, after a missed
    acknowledgement; nothing after a missed answer (the coordinator decides)."""
    return respond_by if kind == ACKNOWLEDGE else None


def is_overdue(status: str, acknowledge_by: datetime, respond_by: datetime, now: datetime) -> bool:
    return missed(status, acknowledge_by, respond_by, now) is not None

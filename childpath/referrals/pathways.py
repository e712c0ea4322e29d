"""Why a child has no pathway yet, and since when. A pure core (DESIGN.md rule 9).

"No child without a pathway": every presumed or identified victim has a lead professional and a
referral a service has accepted; and any child's (a child at risk too) unanswered, declined or
overdue referral is surfaced until someone acts: another referral for the same need is accepted
or waits within its deadline, or the case team records its decision. The selector
(``selectors.without_pathway``) finds the cases in SQL; this module
explains each one in plain data, and ``needs_attention`` is the same rule in Python (a test
holds the two to agreement).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from childpath.referrals import lifecycle

# Case stages whose status calls for support (rule 2: presumed opens the pathway at once).
SUPPORT_STAGES = frozenset({"presumed", "identified"})
# A closed case is off every list; any other case with a referral in trouble is on it.
CLOSED_STAGES = frozenset({"closed"})
# A later referral for the same need that answers a declined or unanswered one: the service
# took the child, or it is still waiting within its deadlines (else it is overdue itself).
# A withdrawn, declined or unanswered one answers nothing.
ANSWERING = lifecycle.PENDING | lifecycle.SUPPORTING | frozenset({lifecycle.COMPLETED})

NO_COORDINATOR = "no_coordinator"
NO_REFERRAL = "no_referral"
AWAITING = "awaiting"
OVERDUE = "overdue"
DECLINED = "declined"
NO_RESPONSE = "no_response"
# Most urgent first: the order the page lists a case's reasons in.
REASONS = (OVERDUE, DECLINED, NO_RESPONSE, NO_COORDINATOR, NO_REFERRAL, AWAITING)


@dataclass(frozen=True)
class ReferralFacts:
    id: str
    status: str
    need: str
    sent_at: datetime
    status_changed_at: datetime
    acknowledge_by: datetime
    respond_by: datetime
    # The case team recorded that this declined or unanswered referral needs nothing more.
    settled: bool = False


@dataclass(frozen=True)
class Reason:
    code: str
    since: datetime
    # The referral the reason is about (declined, unanswered, overdue), with its need.
    referral_id: str | None = None
    need: str = ""


def _unresolved(referral: ReferralFacts, referrals: Sequence[ReferralFacts]) -> bool:
    """A declined or unanswered referral stays on the list until someone acts: another
    referral for the same need, sent after it, is accepted or waiting (``ANSWERING``), or the
    case team records its decision (``settled``)."""
    return (
        referral.status in lifecycle.UNANSWERED
        and not referral.settled
        and not any(
            other.need == referral.need
            and other.sent_at > referral.status_changed_at
            and other.status in ANSWERING
            for other in referrals
        )
    )


def _missed_since(referral: ReferralFacts, now: datetime) -> datetime | None:
    kind = lifecycle.missed(referral.status, referral.acknowledge_by, referral.respond_by, now)
    if kind is None:
        return None
    # Overdue since the first deadline it missed.
    if referral.status == lifecycle.SENT:
        return min(referral.acknowledge_by, referral.respond_by)
    return referral.respond_by


def reasons(
    *,
    stage: str,
    has_coordinator: bool,
    support_since: datetime,
    referrals: Iterable[ReferralFacts],
    now: datetime,
) -> list[Reason]:
    """Every reason this case is without a pathway, most urgent first; empty if it has one.

    Any open case with an overdue referral, or a declined or unanswered one nobody has acted
    on, is listed, whatever its stage (a child at risk too: rule 9). A presumed or identified
    victim is listed also without a coordinator or without a referral a service accepted.

    ``support_since``: when the case's status began to call for support (the presumed-victim
    status, or failing that when the case was opened).
    """
    if stage in CLOSED_STAGES:
        return []
    referrals = list(referrals)
    found: list[Reason] = []
    for referral in referrals:
        missed_since = _missed_since(referral, now)
        if missed_since is not None:
            found.append(Reason(OVERDUE, missed_since, referral.id, referral.need))
        elif _unresolved(referral, referrals):
            code = DECLINED if referral.status == lifecycle.DECLINED else NO_RESPONSE
            found.append(Reason(code, referral.status_changed_at, referral.id, referral.need))
    if stage not in SUPPORT_STAGES:
        return sorted(found, key=lambda reason: (REASONS.index(reason.code), reason.since))
    if not has_coordinator:
        found.append(Reason(NO_COORDINATOR, support_since))
    if not any(r.status in lifecycle.SUPPORTING for r in referrals):
        pending = [r for r in referrals if r.status in lifecycle.PENDING]
        if pending:
            if not any(reason.code == OVERDUE for reason in found):
                first = min(pending, key=lambda r: r.sent_at)
                found.append(Reason(AWAITING, first.sent_at, first.id, first.need))
        else:
            closed = [r.status_changed_at for r in referrals]
            found.append(Reason(NO_REFERRAL, max([support_since, *closed])))
    return sorted(found, key=lambda reason: (REASONS.index(reason.code), reason.since))


def waiting_since(found: Sequence[Reason]) -> datetime | None:
    """How long the child has waited: since the oldest reason still open."""
    return min((reason.since for reason in found), default=None)


def needs_attention(
    *, stage: str, has_coordinator: bool, referrals: Iterable[ReferralFacts], now: datetime
) -> bool:
    """Whether a case belongs on the list: the rule of ``selectors.without_pathway``."""
    return bool(
        reasons(
            stage=stage,
            has_coordinator=has_coordinator,
            support_since=now,
            referrals=referrals,
            now=now,
        )
    )

"""The protection status of a case, folded from its identification decisions. A pure core.

Decisions are read in the order they were recorded; the last one is in force. What the
fold keeps across decisions (DESIGN.md rules 2 and 6):

- ``presumed_since`` starts with a presumed-victim decision and is kept while the child is
  presumed or formally identified (an identification confirms the presumption, it does not
  restart it). A formal identification without an earlier presumption starts it too: every
  identified victim is also a presumed one, so the rights that open at presumption apply.
  A formal "not a victim" decision (or an at-risk status after one) ends it.
- ``identified_since`` is the date of the formal identification in force; a review that
  upholds the identification keeps the first date, so deadlines that run from the
  identification do not restart. "Not a victim" ends it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

NONE = "none"
AT_RISK = "at_risk"
PRESUMED = "presumed"
IDENTIFIED = "identified"
NOT_VICTIM = "not_victim"
STATUSES = (AT_RISK, PRESUMED, IDENTIFIED, NOT_VICTIM)
PATHS = ("social", "criminal_justice", "judicial")


@dataclass(frozen=True)
class ProtectionStatus:
    """The contract other apps (rights, referrals, statistics) read; see selectors.py."""

    status: str  # "none" | "at_risk" | "presumed" | "identified" | "not_victim"
    presumed_since: datetime | None
    identified_since: datetime | None
    path: str | None  # "social" | "criminal_justice" | "judicial" of the decision in force


NO_STATUS = ProtectionStatus(status=NONE, presumed_since=None, identified_since=None, path=None)


@dataclass(frozen=True)
class Fact:
    """What the fold needs of one decision."""

    status: str
    decided_at: datetime
    path: str | None = None


def fold(decisions: Iterable[Fact]) -> ProtectionStatus:
    """The status in force after ``decisions`` (in the order they were recorded)."""
    current = NO_STATUS
    for decision in decisions:
        current = _apply(current, decision)
    return current


def _apply(current: ProtectionStatus, decision: Fact) -> ProtectionStatus:
    path = decision.path or None
    if decision.status == PRESUMED:
        keep = current.status in (PRESUMED, IDENTIFIED) and current.presumed_since is not None
        since = current.presumed_since if keep else decision.decided_at
        return ProtectionStatus(PRESUMED, since, None, path)
    if decision.status == IDENTIFIED:
        identified = current.identified_since if current.status == IDENTIFIED else None
        return ProtectionStatus(
            IDENTIFIED,
            current.presumed_since or decision.decided_at,
            identified or decision.decided_at,
            path,
        )
    if decision.status in (NOT_VICTIM, AT_RISK):
        return ProtectionStatus(decision.status, None, None, path)
    raise ValueError(f"unknown identification status {decision.status!r}")


# How much protection a status gives. A screening only records a status that ranks above the
# one in force (rule 5: nothing a screening finds lowers an outcome); only a formal decision
# can end a presumption.
RANK = {NONE: 0, NOT_VICTIM: 0, AT_RISK: 1, PRESUMED: 2, IDENTIFIED: 3}


def screening_raises(current: str, found: str) -> bool:
    """Whether a screening that found ``found`` changes a case whose status is ``current``."""
    return RANK[found] > RANK[current]

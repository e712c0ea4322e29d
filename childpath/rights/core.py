"""Which of the jurisdiction's rights a child has now, and why. A pure core (no Django).

Plain facts in (treated as a child, unaccompanied, since when presumed or identified), one
status per right out: in force, pending (waiting only for a step of the procedure: presumed
victim status or formal identification) or not applicable (a fact about the child does not
hold), with the triggers that hold, what is missing, when it opened, its deadline and whether it
is overdue.

Two presumptions, both in the spirit of DESIGN.md rule 3 ("unknown is not the same as absent"):
- a person whose age is unknown or in doubt is treated as a child (the caller passes the result
  of the presumption of minority, ``cases.age``);
- a child whose unaccompanied status is not known counts as unaccompanied, so the lack of an
  answer never holds back a guardian: asking for a guardian who turns out not to be needed costs
  little; a child left alone without one can cost a great deal (Directive 2011/36/EU art. 14(2),
  16(3): a guardian as soon as the child is identified as unaccompanied, without delay).
The trigger then shows as holding "by presumption", so the page can say so.

An identified victim is a presumed victim too: formal identification confirms the reasonable
grounds, so rights that open at presumption stay open (DESIGN.md rule 2).

A right in force is met when the app knows it was provided: the information right by a delivery
of information, the guardian right by an appointment, every other right by a provision record
(the latest record for a right supersedes the earlier ones). A right offered and declined by the
child stays in force but is not overdue: the offer was made in time, and the child may still
change their mind, so a later provision can still be recorded (DESIGN.md rule 10: the child's
views count; no pressure to accept).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from childpath.jurisdiction.profile import Right

# Triggers that depend on a step of the procedure; the others are facts about the child.
PROCEDURAL = frozenset({"presumed", "identified"})
IN_FORCE = "in_force"
PENDING = "pending"
NOT_APPLICABLE = "not_applicable"
STATUSES = (IN_FORCE, PENDING, NOT_APPLICABLE)
UNACCOMPANIED_VALUES = ("yes", "no", "unknown")


@dataclass(frozen=True)
class Facts:
    """What the rights depend on, for one case at one moment."""

    treated_as_child: bool
    # True when the child status rests on the presumption of minority, not on a known age.
    child_by_presumption: bool
    unaccompanied: str  # "yes" | "no" | "unknown"
    # Facts about the child count from the moment the case was registered: the earliest moment
    # anyone could act on them.
    known_since: datetime
    presumed_since: datetime | None = None
    identified_since: datetime | None = None


@dataclass(frozen=True)
class Provision:
    """The latest record that a right was provided (or offered and declined), on which day."""

    on: date
    declined: bool = False
    # How many records there are for this right (the page shows the history count).
    records: int = 1


@dataclass(frozen=True)
class Trigger:
    code: str
    holds: bool
    since: datetime | None
    by_presumption: bool = False


@dataclass(frozen=True)
class RightStatus:
    code: str
    status: str
    triggers: tuple[Trigger, ...]
    legal_basis: str
    responsible: str
    opened: datetime | None
    deadline: datetime | None
    overdue: bool
    informed_at: datetime | None = None
    met_at: datetime | None = None
    provision: Provision | None = None

    @property
    def in_force(self) -> bool:
        return self.status == IN_FORCE

    @property
    def why(self) -> tuple[Trigger, ...]:
        """The triggers that hold: the reasons this right applies."""
        return tuple(trigger for trigger in self.triggers if trigger.holds)

    @property
    def missing(self) -> tuple[str, ...]:
        """The triggers that do not hold yet (for a pending right: the steps still needed)."""
        return tuple(trigger.code for trigger in self.triggers if not trigger.holds)

    @property
    def informed(self) -> bool:
        return self.informed_at is not None

    @property
    def met(self) -> bool:
        """Provided: by the app's own record (delivery, appointment) or a provision record."""
        provided = self.provision is not None and not self.provision.declined
        return self.met_at is not None or provided

    @property
    def provided_on(self) -> date | None:
        """The day of the provision record in force, if it says the right was provided."""
        if self.provision is None or self.provision.declined:
            return None
        return self.provision.on

    @property
    def declined(self) -> bool:
        """Offered, and the child said no (for now): in force, not met, not overdue."""
        return not self.met and self.provision is not None and self.provision.declined

    @property
    def declined_on(self) -> date | None:
        return self.provision.on if self.declined and self.provision else None


def triggers(facts: Facts) -> dict[str, Trigger]:
    """Each trigger of the profile format (profile.TRIGGERS), evaluated on the facts."""
    presumed_at = [at for at in (facts.presumed_since, facts.identified_since) if at is not None]
    unaccompanied = facts.unaccompanied != "no"
    return {
        "child": Trigger(
            "child",
            facts.treated_as_child,
            facts.known_since if facts.treated_as_child else None,
            facts.treated_as_child and facts.child_by_presumption,
        ),
        "presumed": Trigger("presumed", bool(presumed_at), min(presumed_at, default=None)),
        "identified": Trigger(
            "identified", facts.identified_since is not None, facts.identified_since
        ),
        "unaccompanied": Trigger(
            "unaccompanied",
            unaccompanied,
            facts.known_since if unaccompanied else None,
            facts.unaccompanied == "unknown",
        ),
    }


def assess_right(
    right: Right,
    facts: Facts,
    *,
    now: datetime,
    informed_at: datetime | None = None,
    met_at: datetime | None = None,
    provision: Provision | None = None,
) -> RightStatus:
    """The status of one right. ``met_at``: when it was provided, if this app knows it;
    ``provision``: the latest provision record for it, if any."""
    evaluated = triggers(facts)
    state = tuple(evaluated[code] for code in right.when)
    missing = {trigger.code for trigger in state if not trigger.holds}
    if not missing:
        status = IN_FORCE
    elif missing <= PROCEDURAL:
        status = PENDING
    else:
        status = NOT_APPLICABLE
    opened = max((t.since for t in state if t.since is not None), default=None)
    opened = opened if status == IN_FORCE else None
    deadline = right.deadline.after(opened) if right.deadline and opened else None
    settled = met_at is not None or provision is not None  # provided, or offered and declined
    overdue = deadline is not None and now > deadline and not settled
    return RightStatus(
        code=right.code,
        status=status,
        triggers=state,
        legal_basis=right.legal_basis,
        responsible=right.responsible,
        opened=opened,
        deadline=deadline,
        overdue=overdue,
        informed_at=informed_at,
        met_at=met_at,
        provision=provision,
    )


def assess(
    rights: Iterable[Right],
    facts: Facts,
    *,
    now: datetime,
    informed: Mapping[str, datetime] | None = None,
    met: Mapping[str, datetime] | None = None,
    provisions: Mapping[str, Provision] | None = None,
) -> tuple[RightStatus, ...]:
    """Every right of the profile, in the profile's order."""
    informed = informed or {}
    met = met or {}
    provisions = provisions or {}
    return tuple(
        assess_right(
            right,
            facts,
            now=now,
            informed_at=informed.get(right.code),
            met_at=met.get(right.code),
            provision=provisions.get(right.code),
        )
        for right in rights
    )


def first_times(deliveries: Iterable[tuple[Iterable[str], datetime]]) -> dict[str, datetime]:
    """The first moment each right was covered by a delivery of information.

    Every delivery is, by itself, information about rights: it meets the "information" right
    whatever else it covers.
    """
    first: dict[str, datetime] = {}
    for codes, at in deliveries:
        for code in {*codes, "information"}:
            if code not in first or at < first[code]:
                first[code] = at
    return first


def latest_provisions(records: Iterable[tuple[str, date, bool]]) -> dict[str, Provision]:
    """The provision record in force for each right, from records in the order recorded.

    A later record supersedes the earlier ones, whatever day it names: that is how a mistaken
    record is corrected, and how a child who declined and then accepted is recorded.
    """
    latest: dict[str, Provision] = {}
    for code, on, declined in records:
        count = latest[code].records + 1 if code in latest else 1
        latest[code] = Provision(on=on, declined=declined, records=count)
    return latest

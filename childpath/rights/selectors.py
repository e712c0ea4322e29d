"""Reading a case's rights: the facts from the case and identification, then the pure core.

Four queries for a case (the protection status, the deliveries, the guardian, the provision
records), whatever the number of rights or records, so the case page can show the summary
within its budget. The protection status is memoised on the case instance, so on the case page,
where another section may have read it already, it can cost nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from childpath.cases.models import Case
from childpath.identification.selectors import ProtectionStatus, protection_status
from childpath.jurisdiction.active import current_profile
from childpath.jurisdiction.profile import Profile
from childpath.rights.core import Facts, RightStatus, assess, first_times, latest_provisions
from childpath.rights.models import Guardian, RightProvision

GUARDIAN = "guardian"


@dataclass(frozen=True)
class Informed:
    """The latest delivery that covered a right."""

    at: datetime
    language: str


@dataclass(frozen=True)
class CaseRights:
    profile: Profile
    facts: Facts
    protection: ProtectionStatus
    rights: tuple[RightStatus, ...]
    informed: dict[str, Informed]
    guardian: Guardian | None

    @property
    def in_force(self) -> list[RightStatus]:
        return [right for right in self.rights if right.in_force]

    @property
    def pending(self) -> list[RightStatus]:
        return [right for right in self.rights if right.status == "pending"]

    @property
    def overdue(self) -> list[RightStatus]:
        return [right for right in self.rights if right.overdue]

    @property
    def met(self) -> list[RightStatus]:
        return [right for right in self.in_force if right.met]

    @property
    def declined(self) -> list[RightStatus]:
        return [right for right in self.in_force if right.declined]

    @property
    def not_informed(self) -> list[RightStatus]:
        return [right for right in self.in_force if not right.informed]

    def right(self, code: str) -> RightStatus | None:
        return next((right for right in self.rights if right.code == code), None)

    @property
    def guardian_right(self) -> RightStatus | None:
        return self.right(GUARDIAN)

    @property
    def guardian_possible(self) -> bool:
        """A guardian is for a child (or a person treated as one, rule 3)."""
        return self.facts.treated_as_child


def facts_for(case: Case, status: ProtectionStatus) -> Facts:
    age = case.age(date_of_birth=case.identity.birth_date)
    return Facts(
        treated_as_child=age.treated_as_child,
        child_by_presumption=age.presumed,
        unaccompanied=case.unaccompanied,
        known_since=case.created_at,
        presumed_since=status.presumed_since,
        identified_since=status.identified_since,
    )


def case_rights(case: Case, *, now: datetime | None = None) -> CaseRights:
    now = now or timezone.now()
    profile = current_profile()
    status = protection_status(case)
    facts = facts_for(case, status)
    deliveries = list(
        case.information_deliveries.order_by("delivered_at", "id").values_list(  # type: ignore[attr-defined]
            "rights", "delivered_at", "language"
        )
    )
    informed: dict[str, Informed] = {}
    for codes, at, language in deliveries:
        for code in {*codes, "information"}:
            informed[code] = Informed(at=at, language=language)
    guardian = (
        Guardian.objects.select_related("requested_by", "requested_by_organisation")
        .filter(case=case)
        .first()
    )
    # The information right is met by the first delivery; the guardian right by appointment.
    first = first_times((codes, at) for codes, at, _language in deliveries)
    met = {code: first[code] for code in ("information",) if code in first}
    if guardian is not None and guardian.appointed_at is not None:
        met[GUARDIAN] = guardian.appointed_at
    # Every other right by its provision records, the latest in force.
    records = RightProvision.objects.filter(case=case).order_by("recorded_at", "id")
    provisions = latest_provisions(records.values_list("right", "provided_on", "declined"))
    rights = assess(
        profile.rights,
        facts,
        now=now,
        informed={code: item.at for code, item in informed.items()},
        met=met,
        provisions=provisions,
    )
    return CaseRights(
        profile=profile,
        facts=facts,
        protection=status,
        rights=rights,
        informed=informed,
        guardian=guardian,
    )

"""The identification part of the fictional demo, through the services, idempotently.

Presumed-victim decisions come from the demo screenings (the screening signal records them);
a database loaded before this app existed gets them here. Then the demo Barnahus panel
(panel.maria, with social services and police) formally identifies one presumed child on the
social path, so the demo shows both a presumption and a formal identification.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from childpath.accounts.models import Organisation, User
from childpath.cases import services as case_services
from childpath.cases.models import Access, Case
from childpath.identification import services
from childpath.identification.models import Decision, Status
from childpath.identification.selectors import protection_status
from childpath.identification.validation import PANEL, DecisionData, MemberData
from childpath.screening.models import Screening

# The fictional child the panel identifies: a boy found selling drugs for an adult.
PANEL_CHILD = "Oleksandr"
PANEL_REASONS = (
    "Fictional demo decision. The Barnahus consultation found that the boy was recruited while "
    "alone and made to sell drugs for an adult who took his money and threatened him: forced "
    "criminality, a form of exploitation; as a child, no means are required."
)


def load(
    *, users: dict[str, User], organisations: dict[str, Organisation], cases: dict[str, Case]
) -> dict[str, int]:
    presumed = _backfill(cases.values())
    identified = _panel_decision(users, organisations, cases.get(PANEL_CHILD))
    return {"presumed_decisions": presumed, "panel_identifications": identified}


def _backfill(cases: object) -> int:
    """Decisions for completed screenings saved before identification existed (none twice)."""
    added = 0
    for case in cases:  # type: ignore[attr-defined]
        screenings = Screening.objects.filter(case=case, completed_at__isnull=False)
        for screening in screenings.select_related("case", "started_by").order_by("completed_at"):
            if screening.started_by is None:
                continue
            with transaction.atomic():
                decision = services.record_screening_outcome(
                    actor=screening.started_by, screening=screening
                )
            added += decision is not None
    return added


def _panel_decision(
    users: dict[str, User], organisations: dict[str, Organisation], case: Case | None
) -> int:
    if case is None or protection_status(case).status != Status.PRESUMED:
        return 0
    if Decision.objects.filter(case=case).exclude(basis="screening").exists():
        return 0
    maria, sara = users["panel.maria"], users["caseworker.sara"]
    # The lead agency's caseworker brings the panel member onto the case team.
    case_services.add_team_member(
        actor=sara,
        case=case,
        organisation=organisations["barnahus"],
        user=maria,
        access=Access.EDIT,
    )
    services.record_decision(
        actor=maria,
        case=case,
        decision=DecisionData(
            decided_by=PANEL,
            status=Status.IDENTIFIED,
            path="social",
            decided_on=timezone.localdate(),
            reasons=PANEL_REASONS,
            members=(
                MemberData(organisation_id=str(organisations["barnahus"].pk), user_id=maria.pk),
                MemberData(organisation_id=str(organisations["social"].pk), user_id=sara.pk),
                MemberData(
                    organisation_id=str(organisations["police"].pk),
                    user_id=users["police.erik"].pk,
                ),
            ),
        ),
    )
    return 1

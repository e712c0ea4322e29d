"""Fixtures for the identification tests, on top of the root personas. All fictional."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from childpath.accounts.models import Organisation, Role, Sector, User
from childpath.cases import services as case_services
from childpath.cases.models import Access, Case
from childpath.identification.validation import ORGANISATION, PANEL, DecisionData, MemberData
from childpath.screening.tests.helpers import PRESUMED, screen
from conftest import PASSWORD


@pytest.fixture
def police(orgs: dict[str, Organisation]) -> Organisation:
    return Organisation.objects.create(
        name="Test Police", sector=Sector.POLICE, country="SE", may_identify=True
    )


@pytest.fixture
def officer(police: Organisation) -> User:
    """A police officer (frontline role), the one who identifies on a police-only profile."""
    return User.objects.create_user(
        username="oscar", password=PASSWORD, organisation=police, role=Role.FRONTLINE
    )


@pytest.fixture
def join(caseworker: User) -> Callable[..., User]:
    """Put a user on ``case``'s team, as the lead agency's caseworker would."""

    def add(case: Case, user: User, access: str = Access.EDIT) -> User:
        assert user.organisation is not None
        case_services.add_team_member(
            actor=caseworker, case=case, organisation=user.organisation, user=user, access=access
        )
        return user

    return add


@pytest.fixture
def presumed_case(case: Case, frontline: User) -> Case:
    """``case`` after the reporting teacher's screening gave "presumed victim"."""
    screen(frontline, case, PRESUMED)
    case.refresh_from_db()
    return case


def organisation_decision(**overrides: Any) -> DecisionData:
    values: dict[str, Any] = {
        "decided_by": ORGANISATION,
        "status": "identified",
        "path": "social",
        "decided_on": timezone.localdate(),
        "reasons": "Fictional reasons: forced criminality found by the assessment.",
    }
    values.update(overrides)
    return DecisionData(**values)


def panel_decision(people: list[tuple[Organisation, str]], **overrides: Any) -> DecisionData:
    values: dict[str, Any] = {
        "decided_by": PANEL,
        "members": tuple(
            MemberData(organisation_id=str(org.pk), name=name) for org, name in people
        ),
    }
    values.update(overrides)
    return organisation_decision(**values)


@pytest.fixture
def full_panel(
    orgs: dict[str, Organisation], police: Organisation
) -> list[tuple[Organisation, str]]:
    """Three members from three sectors (the SE profile asks for 3 members, 2 sectors)."""
    return [
        (orgs["barnahus"], "Fictional Barnahus Member"),
        (orgs["social"], "Fictional Social Worker"),
        (police, "Fictional Police Officer"),
    ]


YESTERDAY = date.fromordinal(timezone.localdate().toordinal() - 1)

"""Fixtures for the rights tests, on top of the personas in the root ``conftest.py``.

All data are fictional.
"""

from collections.abc import Callable

import pytest

from childpath.accounts.models import Organisation, User
from childpath.cases import services as case_services
from childpath.cases.models import Access, Case
from childpath.screening.tests.helpers import PRESUMED, screen


@pytest.fixture
def presume(caseworker: User) -> Callable[[Case], Case]:
    """Screen a case to "presumed victim", as the lead agency's caseworker would."""

    def make(case: Case) -> Case:
        screen(caseworker, case, PRESUMED)
        case.refresh_from_db()
        return case

    return make


@pytest.fixture
def presumed_case(case: Case, presume: Callable[[Case], Case]) -> Case:
    """A 15-year-old, accompanied, screened presumed victim; speaks Swedish."""
    return presume(case)


@pytest.fixture
def unaccompanied_case(make_case: Callable[..., Case], presume: Callable[[Case], Case]) -> Case:
    """A boy of doubtful age, alone, speaking Ukrainian; screened presumed victim."""
    case = make_case(
        given_names="Testo",
        family_name="Приклад",
        sex="male",
        date_of_birth=None,
        claimed_age=16,
        age_disputed=True,
        citizenship="UA",
        languages=["uk", "ru"],
        migration_status="temporary_protection",
        unaccompanied="yes",
    )
    return presume(case)


@pytest.fixture
def viewer(case: Case, caseworker: User, provider: User, orgs: dict[str, Organisation]) -> User:
    """The shelter worker, on the team in person with read-only access."""
    case_services.add_team_member(
        actor=caseworker, case=case, organisation=orgs["shelter"], user=provider, access=Access.VIEW
    )
    return provider

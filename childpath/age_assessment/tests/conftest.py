"""Fixtures for the age tests, on top of the personas in the root ``conftest.py``.

All data are fictional.
"""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from childpath.accounts.models import Organisation, User
from childpath.age_assessment import services
from childpath.age_assessment.models import AgeAssessment
from childpath.age_assessment.validation import AssessmentData, HandoverData
from childpath.cases import services as case_services
from childpath.cases.age import add_years
from childpath.cases.models import Access, Case


def assessment_data(**overrides: Any) -> AssessmentData:
    """A concluded multidisciplinary assessment: 15 to 17, a child."""
    values: dict[str, Any] = {
        "method": "multidisciplinary",
        "assessed_on": timezone.localdate(),
        "outcome": "child",
        "concluded": True,
        "minimum_age": 15,
        "maximum_age": 17,
        "notes": "Fictional reasoning of the assessors.",
    }
    values.update(overrides)
    return AssessmentData(**values)


def handover_data(**overrides: Any) -> HandoverData:
    values: dict[str, Any] = {
        "adult_services": "Test Adult Social Services",
        "handed_over": "Fictional: support contacts, open referrals.",
        "agreed_with_young_person": True,
        "agreed_on": timezone.localdate(),
    }
    values.update(overrides)
    return HandoverData(**values)


@pytest.fixture
def assess(caseworker: User) -> Callable[..., AgeAssessment]:
    """Record an assessment through the service, by the lead agency's caseworker."""

    def make(case: Case, actor: User | None = None, **overrides: Any) -> AgeAssessment:
        return services.record_assessment(
            actor=actor or caseworker, case=case, assessment=assessment_data(**overrides)
        )

    return make


@pytest.fixture
def disputed_case(make_case: Callable[..., Case]) -> Case:
    """Says 16, no documents, age disputed."""
    return make_case(date_of_birth=None, claimed_age=16, age_disputed=True)


@pytest.fixture
def viewer(case: Case, caseworker: User, provider: User, orgs: dict[str, Organisation]) -> User:
    """The shelter worker, on the team in person with read-only access."""
    case_services.add_team_member(
        actor=caseworker, case=case, organisation=orgs["shelter"], user=provider, access=Access.VIEW
    )
    return provider


def born_turning_18_in(days: int, today: date) -> date:
    """A date of birth whose 18th birthday is ``days`` after ``today``."""
    return add_years(today + timedelta(days=days), -18)

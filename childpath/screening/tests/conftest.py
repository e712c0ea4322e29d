"""Fixtures for the screening tests."""

import pytest

from childpath.accounts.models import User
from childpath.cases.models import Case
from childpath.screening import services
from childpath.screening.models import Screening


@pytest.fixture
def open_screening(case: Case, caseworker: User) -> Screening:
    """An unfinished screening of ``case``, started by the lead agency's caseworker."""
    return services.start_screening(actor=caseworker, case=case)

"""Fixtures for the screening tests."""

from typing import Any

import pytest

from childpath.accounts.models import User
from childpath.cases.models import Case
from childpath.screening import services
from childpath.screening.models import Screening


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    # The personas log in with force_login; hashing their passwords slowly buys nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def open_screening(case: Case, caseworker: User) -> Screening:
    """An unfinished screening of ``case``, started by the lead agency's caseworker."""
    return services.start_screening(actor=caseworker, case=case)

"""Helpers for the case tests, on top of the personas in the root ``conftest.py``."""

import pytest
from django.conf import settings
from django.utils import translation

from childpath.accounts.models import Organisation, Role, User
from childpath.cases import services
from childpath.cases.models import Access, Case
from conftest import PASSWORD


@pytest.fixture(autouse=True)
def default_language() -> None:
    """Every test starts in the default language: a page requested in another language by an
    earlier test (the translation tests) leaves that language active in the thread."""
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def social_frontline(orgs: dict[str, Organisation]) -> User:
    """A frontline worker in the lead organisation: not a caseworker there."""
    return User.objects.create_user(
        username="heidi", password=PASSWORD, organisation=orgs["social"], role=Role.FRONTLINE
    )


@pytest.fixture
def viewer(case: Case, caseworker: User, provider: User, orgs: dict[str, Organisation]) -> User:
    """The shelter worker, on the team in person with read-only access."""
    services.add_team_member(
        actor=caseworker, case=case, organisation=orgs["shelter"], user=provider, access=Access.VIEW
    )
    return provider

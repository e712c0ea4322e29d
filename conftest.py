"""Shared personas (STYLE.md practice 5) and a way to open a case as a user would.

Everyone here is fictional. The personas:
- ``frontline``: a teacher at a school who records concerns;
- ``caseworker`` and ``coordinator``: social services, the lead agency on the cases;
- ``outsider``: a caseworker of another social services office (no access);
- ``provider``: a shelter worker; ``panel``: a Barnahus decision-panel member;
- ``analyst`` and ``administrator``: never see a single case.
"""

import math
import time
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

from childpath.accounts.models import Organisation, Role, Sector, User
from childpath.audit import services as audit_services
from childpath.cases import services
from childpath.cases.models import Case
from childpath.cases.validation import ChildData, EncounterData
from childpath.lib.sessions import REFRESHED_KEY

PASSWORD = "fictional-password-1"


def _org(name: str, sector: str, **flags: bool) -> Organisation:
    return Organisation.objects.create(name=name, sector=sector, country="SE", **flags)


def _user(username: str, organisation: Organisation, role: str) -> User:
    return User.objects.create_user(
        username=username,
        password=PASSWORD,
        first_name=username.capitalize(),
        organisation=organisation,
        role=role,
        is_staff=role == Role.ADMINISTRATOR,
    )


@pytest.fixture(autouse=True)
def test_settings(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Speed and a clean checkout only; no rule under test depends on these."""
    # PBKDF2 is slow on purpose; fictional personas do not need it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The manifest storage needs `collectstatic`, which a fresh clone has not run.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # The sign-in throttle counts in the cache: every test starts with no attempts counted.
    cache.clear()
    # Sessions are renewed at most once a minute (childpath.lib.sessions): a slow test would
    # otherwise see a session write on one request and not the next (query budgets).
    settings.SESSION_REFRESH_INTERVAL = 3600
    # Writers anchor the audit heads after a commit at most once a second per process
    # (childpath.audit.services): which request pays for it (6-7 queries) depends on the clock
    # and on what ran before in the worker, so query budgets would too. Not due in tests; the
    # tests of anchoring call ``anchor`` or set the timer back to 0 themselves.
    monkeypatch.setattr(audit_services, "_next_anchor", math.inf)
    # A checkout that ran `make run` has .local/demo.env (CHILDPATH_DEMO=true): the tests
    # are of a real instance unless they turn the demo on themselves.
    settings.CHILDPATH_DEMO = False


def verified_client(user: User, client: Client | None = None) -> Client:
    """A client signed in with both factors: the password (``force_login``) and an
    authenticator app, as the two-factor sign-in leaves it (django-otp's session key)."""
    client = client or Client()
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Test authenticator", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    # Just renewed, as a sign-in through the pages leaves it (childpath.lib.sessions).
    session[REFRESHED_KEY] = int(time.time())
    session.save()
    return client


@pytest.fixture
def login() -> Callable[[User], Client]:
    """A test client signed in as the given user, with both factors."""

    def make(user: User) -> Client:
        return verified_client(user)

    return make


def issue_api_token(user: User) -> str:
    """An API token as ``POST /api/v1/auth/token`` gives one after both factors."""
    _instance, token = AuthToken.objects.create(user=user)
    return str(token)


@pytest.fixture
def api_token() -> Callable[[User], str]:
    """``api_token(user)``: a token for ``Authorization: Token <token>``."""
    return issue_api_token


@pytest.fixture
def api_login() -> Callable[[User], Client]:
    """``api_login(user)``: a test client that sends the user's API token on every request."""

    def make(user: User) -> Client:
        return Client(HTTP_AUTHORIZATION=f"Token {issue_api_token(user)}")

    return make


@pytest.fixture
def orgs(db: None) -> dict[str, Organisation]:
    return {
        "school": _org("Test School", Sector.EDUCATION),
        "social": _org("Test Social Services", Sector.SOCIAL_SERVICES, may_identify=True),
        "other_social": _org("Other Social Services", Sector.SOCIAL_SERVICES),
        "shelter": _org("Test Shelter", Sector.SHELTER, is_service_provider=True),
        "barnahus": _org("Test Barnahus", Sector.BARNAHUS, may_identify=True),
        "rapporteur": _org("Test Rapporteur", Sector.GOVERNMENT),
        "system": _org("Test System Owner", Sector.GOVERNMENT),
    }


@pytest.fixture
def frontline(orgs: dict[str, Organisation]) -> User:
    return _user("alice", orgs["school"], Role.FRONTLINE)


@pytest.fixture
def caseworker(orgs: dict[str, Organisation]) -> User:
    return _user("bob", orgs["social"], Role.CASEWORKER)


@pytest.fixture
def coordinator(orgs: dict[str, Organisation]) -> User:
    return _user("carol", orgs["social"], Role.COORDINATOR)


@pytest.fixture
def outsider(orgs: dict[str, Organisation]) -> User:
    return _user("charlie", orgs["other_social"], Role.CASEWORKER)


@pytest.fixture
def provider(orgs: dict[str, Organisation]) -> User:
    return _user("dana", orgs["shelter"], Role.SERVICE_PROVIDER)


@pytest.fixture
def panel(orgs: dict[str, Organisation]) -> User:
    return _user("erin", orgs["barnahus"], Role.DECISION_PANEL)


@pytest.fixture
def analyst(orgs: dict[str, Organisation]) -> User:
    return _user("frank", orgs["rapporteur"], Role.ANALYST)


@pytest.fixture
def administrator(orgs: dict[str, Organisation]) -> User:
    return _user("grace", orgs["system"], Role.ADMINISTRATOR)


def child_data(**overrides: Any) -> ChildData:
    values: dict[str, Any] = {
        "given_names": "Testa",
        "family_name": "Exempel",
        "sex": "female",
        "date_of_birth": date(2010, 4, 1),
        "citizenship": "SE",
        "languages": ["sv"],
        "migration_status": "national",
        "unaccompanied": "no",
    }
    values.update(overrides)
    return ChildData(**values)


def encounter_data(**overrides: Any) -> EncounterData:
    values: dict[str, Any] = {
        "came_to_notice": "school",
        "occurred_on": date(2026, 1, 10),
        "place": "Test School",
        "observations": "Fictional observation.",
    }
    values.update(overrides)
    return EncounterData(**values)


@pytest.fixture
def make_case(frontline: User, orgs: dict[str, Organisation]) -> Callable[..., Case]:
    """Open a case through the service: ``frontline`` reports, social services lead."""

    def make(actor: User | None = None, lead: str | None = "social", **child: Any) -> Case:
        return services.register_child(
            actor=actor or frontline,
            child=child_data(**child),
            encounter=encounter_data(),
            lead_organisation=orgs[lead] if lead else None,
        )

    return make


@pytest.fixture
def case(make_case: Callable[..., Case]) -> Case:
    return make_case()

"""The active profile on its page and in the API, for every signed-in user."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client

from childpath.accounts.models import User
from childpath.jurisdiction.active import check_profile
from conftest import verified_client


@pytest.mark.parametrize("persona", ["frontline", "caseworker", "analyst", "administrator"])
def test_every_signed_in_user_sees_the_rules(persona: str, request: pytest.FixtureRequest) -> None:
    user: User = request.getfixturevalue(persona)
    client = Client()
    verified_client(user, client)
    response = client.get("/jurisdiction/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sweden (illustrative, social path pilot)" in html
    assert "Illustrative example" in html
    assert "A safe place to stay" in html
    assert "5 working days" in html
    assert 'href="/jurisdiction/"' in html  # the menu link


def test_the_page_needs_a_sign_in(db: None) -> None:
    response = Client().get("/jurisdiction/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_page_speaks_swedish(frontline: User) -> None:
    client = Client()
    verified_client(frontline, client)
    html = client.get("/jurisdiction/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Sverige (exempel, pilot med social väg)" in html
    assert "5 arbetsdagar" in html


def test_the_api_serves_the_active_profile(frontline: User, settings: object) -> None:
    client = Client()
    verified_client(frontline, client)
    data = client.get("/api/v1/jurisdiction").json()
    assert data["code"] == "SE" and data["illustrative"] is True
    assert data["identification"]["social_path"] is True
    safe = next(r for r in data["rights"] if r["code"] == "safe_accommodation")
    assert safe["when"] == [{"code": "presumed", "label": "a presumed victim"}]
    assert safe["deadline"] == {"amount": 1, "unit": "days", "label": "1 day"}
    emergency = next(r for r in data["referrals"] if r["urgency"] == "emergency")
    assert emergency["acknowledge"]["label"] == "4 hours"


def test_the_api_follows_the_setting(frontline: User, settings: object) -> None:
    settings.CHILDPATH_PROFILE = "ES"  # type: ignore[attr-defined]
    client = Client()
    verified_client(frontline, client)
    data = client.get("/api/v1/jurisdiction").json()
    assert data["code"] == "ES"
    assert data["identification"]["sectors"] == [{"code": "police", "label": "Police"}]


def test_the_api_needs_credentials(db: None) -> None:
    assert Client().get("/api/v1/jurisdiction").status_code in (401, 403)


def test_an_unknown_profile_stops_the_instance(settings: object) -> None:
    settings.CHILDPATH_PROFILE = "XX"  # type: ignore[attr-defined]
    errors = check_profile()
    assert errors and errors[0].id == "cp.E001"
    with pytest.raises(SystemCheckError, match="no profile 'XX'"):
        call_command("check")

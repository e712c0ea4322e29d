"""The demo stays easy: demo users come enrolled, and demo_users shows their current code."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from childpath.demo import data
from childpath.signin.demo import demo_key
from childpath.signin.tests.helpers import CODE, LOGIN, TOKEN


def _rows() -> list[dict[str, str]]:
    out = StringIO()
    with override_settings(CHILDPATH_DEMO=True):
        call_command("demo_users", "--json", stdout=out)
    rows: list[dict[str, str]] = json.loads(out.getvalue())
    return rows


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def test_every_demo_user_comes_enrolled(demo):
    usernames = [row[0] for row in data.USERS]
    enrolled = TOTPDevice.objects.filter(user__username__in=usernames, confirmed=True)
    assert enrolled.count() == len(usernames)


def test_demo_users_shows_a_six_digit_code_for_everyone(demo):
    rows = _rows()
    assert rows and all(len(row["otp"]) == 6 and row["otp"].isdigit() for row in rows)


def test_the_code_shown_signs_in_on_the_page(demo):
    row = next(r for r in _rows() if r["username"] == "caseworker.sara")
    client = Client()
    client.post(LOGIN, {"username": row["username"], "password": row["password"]})
    assert client.post(CODE, {"code": row["otp"]}).status_code == 302
    assert client.get("/cases/").status_code == 200


def test_the_code_shown_gives_an_api_token(demo):
    row = next(r for r in _rows() if r["username"] == "coordinator.lena")
    response = Client().post(
        TOKEN,
        {"username": row["username"], "password": row["password"], "otp": row["otp"]},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["token"]


def test_it_refuses_to_run_on_an_instance_that_is_not_the_demo(demo, settings):
    settings.CHILDPATH_DEMO = False
    with pytest.raises(CommandError, match="not the demo"):
        call_command("demo_users", stdout=StringIO())


def test_the_plain_listing_shows_the_codes_too(demo, settings):
    settings.CHILDPATH_DEMO = True
    out = StringIO()
    call_command("demo_users", stdout=out)
    assert "code " in out.getvalue() and "caseworker.sara" in out.getvalue()


def test_the_secret_is_the_same_on_reload_and_differs_per_install(demo, settings):
    key = TOTPDevice.objects.get(user__username="caseworker.sara").key
    call_command("load_demo", stdout=StringIO())
    assert TOTPDevice.objects.get(user__username="caseworker.sara").key == key
    assert key == demo_key("caseworker.sara")
    settings.SECRET_KEY = "another-install-" + "x" * 40
    assert demo_key("caseworker.sara") != key


def test_the_code_page_points_to_demo_users_on_the_demo_only(demo, settings):
    client = Client()
    client.post(LOGIN, {"username": "caseworker.sara", "password": data.PASSWORD})
    settings.CHILDPATH_DEMO = False
    assert "demo_users" not in client.get(CODE).content.decode()
    settings.CHILDPATH_DEMO = True
    assert "demo_users" in client.get(CODE).content.decode()

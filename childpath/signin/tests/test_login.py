"""Signing in: the password, then the second factor; lockout; short sessions."""

import time

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.utils.html import escape
from django.utils.translation import gettext, override

from childpath.audit.models import AuditEvent
from childpath.signin.tests.helpers import CODE, ENROL, LOGIN, authenticator, code_for, sign_in
from conftest import PASSWORD


def _fail(client: Client, username: str, times: int) -> None:
    for _attempt in range(times):
        client.post(LOGIN, {"username": username, "password": "not-the-password"})


def test_it_asks_for_the_code_after_the_right_password(caseworker):
    authenticator(caseworker)
    client = Client()
    response = client.post(LOGIN, {"username": "bob", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == CODE


def test_it_does_not_sign_in_with_the_password_alone(caseworker):
    authenticator(caseworker)
    client = Client()
    client.post(LOGIN, {"username": "bob", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert client.get("/cases/").status_code == 302


def test_it_signs_in_with_the_password_and_the_code(caseworker):
    client = Client()
    sign_in(client, caseworker)
    assert client.session["_auth_user_id"] == str(caseworker.pk)
    assert client.get("/cases/").status_code == 200


def test_it_refuses_a_wrong_code(caseworker):
    authenticator(caseworker)
    client = Client()
    client.post(LOGIN, {"username": "bob", "password": PASSWORD})
    response = client.post(CODE, {"code": "000000"})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_refuses_a_code_used_already(caseworker):
    device = authenticator(caseworker)
    code = code_for(device)
    sign_in(Client(), caseworker, code)
    client = Client()
    client.post(LOGIN, {"username": "bob", "password": PASSWORD})
    assert client.post(CODE, {"code": code}).status_code == 200
    assert "_auth_user_id" not in client.session


def test_it_forgets_the_password_step_after_five_minutes(caseworker):
    device = authenticator(caseworker)
    client = Client()
    client.post(LOGIN, {"username": "bob", "password": PASSWORD})
    with time_machine.travel(time.time() + settings.SIGNIN_PENDING_SECONDS + 30, tick=False):
        response = client.post(CODE, {"code": code_for(device)})
    assert response["Location"] == LOGIN
    assert "_auth_user_id" not in client.session


def test_it_sends_a_user_without_an_authenticator_to_enrolment(caseworker):
    response = Client().post(LOGIN, {"username": "bob", "password": PASSWORD})
    assert response["Location"] == ENROL


def test_it_shows_the_translated_error_for_a_wrong_password(caseworker):
    client = Client()
    response = client.post(
        LOGIN, {"username": "bob", "password": "not-the-password"}, HTTP_ACCEPT_LANGUAGE="sv"
    )
    assert response.status_code == 200
    with override("sv"):
        message = gettext("The user name or password is not right. Please try again.")
    assert escape(message) in response.content.decode()


def test_it_locks_the_login_page_after_the_failure_limit(caseworker):
    client = Client()
    _fail(client, "bob", settings.AXES_FAILURE_LIMIT)
    response = client.post(LOGIN, {"username": "bob", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_it_tells_a_locked_account_that_it_is_locked_and_until_when(caseworker):
    client = Client()
    with time_machine.travel("2026-03-02 10:00 +0000", tick=False):
        _fail(client, "bob", settings.AXES_FAILURE_LIMIT)
        response = client.post(LOGIN, {"username": "bob", "password": PASSWORD})
    body = response.content.decode()
    assert "This account is locked after too many failed sign-in attempts, until" in body
    # One hour after the last failure, in the instance's time zone (Stockholm: UTC+1).
    assert "12:00" in body or "noon" in body
    assert int(response["Retry-After"]) > 3000


def test_it_counts_wrong_codes_towards_the_lockout(caseworker):
    authenticator(caseworker)
    client = Client()
    client.post(LOGIN, {"username": "bob", "password": PASSWORD})
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(CODE, {"code": "000000"})
    response = client.post(CODE, {"code": "000000"})
    assert response.status_code == 429
    assert "locked" in response.content.decode()


def test_it_still_signs_in_one_failure_below_the_limit(caseworker):
    client = Client()
    _fail(client, "bob", settings.AXES_FAILURE_LIMIT - 1)
    sign_in(client, caseworker)


def test_it_resets_the_failure_count_after_a_sign_in(caseworker):
    client = Client()
    _fail(client, "bob", settings.AXES_FAILURE_LIMIT - 1)
    sign_in(client, caseworker)
    client = Client()
    _fail(client, "bob", settings.AXES_FAILURE_LIMIT - 1)
    sign_in(client, caseworker, code_for(authenticator(caseworker), steps_ahead=1))


def test_it_locks_only_the_user_who_failed(caseworker, coordinator):
    client = Client()
    _fail(client, "bob", settings.AXES_FAILURE_LIMIT)
    sign_in(client, coordinator)


def test_it_does_not_redirect_to_another_site_after_sign_in(caseworker):
    device = authenticator(caseworker)
    client = Client()
    client.post(LOGIN, {"username": "bob", "password": PASSWORD, "next": "https://evil.test/"})
    response = client.post(CODE, {"code": code_for(device), "next": "https://evil.test/"})
    assert response["Location"] == "/"


def test_it_returns_to_the_page_asked_for(caseworker):
    device = authenticator(caseworker)
    client = Client()
    first = client.post(LOGIN, {"username": "bob", "password": PASSWORD, "next": "/cases/"})
    assert first["Location"] == f"{CODE}?next=%2Fcases%2F"
    response = client.post(CODE, {"code": code_for(device), "next": "/cases/"})
    assert response["Location"] == "/cases/"


def test_the_administration_login_goes_through_the_two_factor_sign_in(db):
    response = Client().get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_it_signs_out_a_session_that_has_the_password_alone(caseworker):
    client = Client()
    client.force_login(caseworker)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_it_audits_nothing_identifying_about_a_sign_in(caseworker):
    sign_in(Client(), caseworker)
    assert not AuditEvent.objects.filter(case_reference__gt="").exists()


def test_it_keeps_sessions_short():
    assert settings.SESSION_COOKIE_AGE <= 30 * 60
    assert "childpath.lib.sessions.SessionRefreshMiddleware" in settings.MIDDLEWARE
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_HTTPONLY


def test_it_gives_a_new_session_the_short_expiry(caseworker):
    client = Client()
    sign_in(client, caseworker)
    assert client.session.get_expiry_age() <= 30 * 60
    assert client.session.get_expire_at_browser_close()


@pytest.mark.parametrize("persona", ["frontline", "caseworker", "analyst", "administrator"])
def test_every_role_needs_the_second_factor(request, persona):
    user = request.getfixturevalue(persona)
    authenticator(user)
    client = Client()
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert client.get("/").status_code == 302

"""Signing in: the page, the API token, lockout after repeated failures, short sessions."""

from django.conf import settings
from django.test import Client
from django.utils.html import escape
from django.utils.translation import gettext, override

from conftest import PASSWORD

LOGIN = "/accounts/login/"
TOKEN = "/api/v1/auth/token"


def _fail(client: Client, url: str, username: str, times: int) -> None:
    for _attempt in range(times):
        client.post(url, {"username": username, "password": "not-the-password"})


def test_it_signs_in_with_the_right_password(caseworker):
    client = Client()
    response = client.post(LOGIN, {"username": "bob", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(caseworker.pk)


def test_it_shows_the_translated_error_for_a_wrong_password(caseworker):
    client = Client()
    response = client.post(
        LOGIN, {"username": "bob", "password": "not-the-password"}, HTTP_ACCEPT_LANGUAGE="sv"
    )
    assert response.status_code == 200
    with override("sv"):
        message = gettext("The user name or password is not right. Please try again.")
    assert escape(message) in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_locks_the_login_page_after_the_failure_limit(caseworker):
    client = Client()
    _fail(client, LOGIN, "bob", settings.AXES_FAILURE_LIMIT)
    response = client.post(LOGIN, {"username": "bob", "password": PASSWORD})
    assert response.status_code == 429
    assert b"Too many failed sign-in attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_it_still_signs_in_one_failure_below_the_limit(caseworker):
    client = Client()
    _fail(client, LOGIN, "bob", settings.AXES_FAILURE_LIMIT - 1)
    response = client.post(LOGIN, {"username": "bob", "password": PASSWORD})
    assert response.status_code == 302


def test_it_locks_only_the_user_who_failed(caseworker, coordinator):
    client = Client()
    _fail(client, LOGIN, "bob", settings.AXES_FAILURE_LIMIT)
    response = client.post(LOGIN, {"username": "carol", "password": PASSWORD})
    assert response.status_code == 302


def test_it_gives_an_api_token_for_the_right_password(caseworker):
    response = Client().post(TOKEN, {"username": "bob", "password": PASSWORD})
    assert response.status_code == 200
    assert len(response.json()["token"]) == 40


def test_it_refuses_an_api_token_after_the_failure_limit(caseworker):
    client = Client()
    _fail(client, TOKEN, "bob", settings.AXES_FAILURE_LIMIT)
    response = client.post(TOKEN, {"username": "bob", "password": PASSWORD})
    assert response.status_code == 400
    assert "token" not in response.json()


def test_it_counts_api_token_failures_towards_the_login_page_lockout(caseworker):
    client = Client()
    _fail(client, TOKEN, "bob", settings.AXES_FAILURE_LIMIT)
    response = client.post(LOGIN, {"username": "bob", "password": PASSWORD})
    assert response.status_code == 429


def test_it_counts_login_page_failures_towards_the_api_token_lockout(caseworker):
    client = Client()
    _fail(client, LOGIN, "bob", settings.AXES_FAILURE_LIMIT)
    response = client.post(TOKEN, {"username": "bob", "password": PASSWORD})
    assert response.status_code == 400


def test_it_keeps_sessions_short():
    assert settings.SESSION_COOKIE_AGE <= 30 * 60
    assert "childpath.lib.sessions.SessionRefreshMiddleware" in settings.MIDDLEWARE
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_HTTPONLY


def test_it_gives_a_new_session_the_short_expiry(caseworker):
    client = Client()
    client.post(LOGIN, {"username": "bob", "password": PASSWORD})
    assert client.session.get_expiry_age() <= 30 * 60
    assert client.session.get_expire_at_browser_close()

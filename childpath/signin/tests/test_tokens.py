"""API tokens: only after both factors, hashed, expiring, listed and revoked by their user."""

import time_machine
from django.conf import settings
from django.test import Client
from django.utils import timezone
from knox.models import AuthToken

from childpath.signin.tests.helpers import LOGIN, TOKEN, authenticator, code_for
from conftest import PASSWORD, issue_api_token

TOKENS = "/api/v1/auth/tokens"


def _obtain(user, code: str | None = None, password: str = PASSWORD, client=None):
    device = authenticator(user)
    return (client or Client()).post(
        TOKEN,
        {"username": user.username, "password": password, "otp": code or code_for(device)},
        content_type="application/json",
    )


def _as(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {token}")


def test_it_gives_a_token_for_the_password_and_the_code(caseworker):
    response = _obtain(caseworker)
    assert response.status_code == 200
    body = response.json()
    assert len(body["token"]) == 64
    assert _as(body["token"]).get("/api/v1/cases").status_code == 200


def test_it_refuses_a_token_for_the_password_alone(caseworker):
    authenticator(caseworker)
    response = Client().post(
        TOKEN, {"username": "bob", "password": PASSWORD}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "token" not in response.json()


def test_it_refuses_a_token_for_a_wrong_code(caseworker):
    response = _obtain(caseworker, code="000000")
    assert response.status_code == 400
    assert response.json() == {"detail": "The user name, password or code is not right."}


def test_it_refuses_a_token_to_a_user_without_two_factor_sign_in(caseworker):
    response = Client().post(
        TOKEN,
        {"username": "bob", "password": PASSWORD, "otp": "123456"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_it_stores_the_token_hashed(caseworker):
    token = _obtain(caseworker).json()["token"]
    stored = AuthToken.objects.get(user=caseworker)
    assert token not in stored.digest
    assert stored.token_key == token[: len(stored.token_key)]
    assert len(stored.token_key) < len(token) // 2


def test_each_sign_in_gives_a_new_token(caseworker):
    device = authenticator(caseworker)
    first = _obtain(caseworker, code_for(device)).json()["token"]
    second = _obtain(caseworker, code_for(device, steps_ahead=1)).json()["token"]
    assert first != second


def test_a_token_expires_after_eight_hours(caseworker):
    body = _obtain(caseworker).json()
    token = body["token"]
    assert settings.REST_KNOX["TOKEN_TTL"].total_seconds() == 8 * 3600
    with time_machine.travel(timezone.now() + settings.REST_KNOX["TOKEN_TTL"], tick=False):
        assert _as(token).get("/api/v1/cases").status_code == 401


def test_a_token_still_works_just_before_it_expires(caseworker):
    token = _obtain(caseworker).json()["token"]
    with time_machine.travel(timezone.now() + settings.REST_KNOX["TOKEN_TTL"] * 0.99, tick=False):
        assert _as(token).get("/api/v1/cases").status_code == 200


def test_delete_revokes_the_current_token(caseworker):
    token = _obtain(caseworker).json()["token"]
    assert _as(token).delete(TOKEN).status_code == 204
    assert _as(token).get("/api/v1/cases").status_code == 401


def test_delete_revokes_only_the_current_token(caseworker):
    device = authenticator(caseworker)
    first = _obtain(caseworker, code_for(device)).json()["token"]
    second = _obtain(caseworker, code_for(device, steps_ahead=1)).json()["token"]
    _as(first).delete(TOKEN)
    assert _as(second).get("/api/v1/cases").status_code == 200


def test_a_user_lists_their_tokens_without_the_secrets(caseworker, coordinator):
    token = _obtain(caseworker).json()["token"]
    issue_api_token(coordinator)
    listed = _as(token).get(TOKENS).json()
    assert len(listed) == 1
    assert listed[0]["current"] is True
    assert token not in str(listed)


def test_a_user_revokes_one_of_their_tokens(caseworker):
    device = authenticator(caseworker)
    first = _obtain(caseworker, code_for(device)).json()
    second = _obtain(caseworker, code_for(device, steps_ahead=1)).json()["token"]
    assert _as(second).delete(f"{TOKENS}/{first['id']}").status_code == 204
    assert _as(first["token"]).get("/api/v1/cases").status_code == 401


def test_a_user_cannot_revoke_another_users_token(caseworker, coordinator):
    theirs = _obtain(coordinator).json()
    mine = _obtain(caseworker).json()["token"]
    assert _as(mine).delete(f"{TOKENS}/{theirs['id']}").status_code == 404
    assert _as(theirs["token"]).get("/api/v1/cases").status_code == 200


def test_a_password_change_revokes_every_token(caseworker):
    token = _obtain(caseworker).json()["token"]
    caseworker.set_password("a-new-fictional-password-2")
    caseworker.save()
    assert _as(token).get("/api/v1/cases").status_code == 401


def test_a_deactivation_revokes_every_token(caseworker):
    token = _obtain(caseworker).json()["token"]
    caseworker.is_active = False
    caseworker.save()
    assert _as(token).get("/api/v1/cases").status_code == 401
    assert not AuthToken.objects.filter(user=caseworker).exists()


def test_a_session_lists_and_revokes_tokens_on_the_page(caseworker, login):
    token = _obtain(caseworker).json()
    client = login(caseworker)
    page = client.get("/accounts/two-factor/").content.decode()
    assert token["id"] in page and token["token"] not in page
    client.post(f"/accounts/two-factor/tokens/{token['id']}/revoke/")
    assert _as(token["token"]).get("/api/v1/cases").status_code == 401


def test_a_successful_token_sign_in_resets_the_failure_count(caseworker):
    device = authenticator(caseworker)
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        _obtain(caseworker, password="wrong", client=client)
    assert _obtain(caseworker, code_for(device), client=client).status_code == 200
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        _obtain(caseworker, password="wrong", client=client)
    response = _obtain(caseworker, code_for(device, steps_ahead=1), client=client)
    assert response.status_code == 200


def test_a_locked_account_is_told_so_and_until_when_in_the_api(caseworker):
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _obtain(caseworker, password="wrong", client=client)
    response = _obtain(caseworker, client=client)
    assert response.status_code == 429
    body = response.json()
    assert "locked" in body["detail"] and "until" in body["detail"]
    assert body["locked_until"] > timezone.now().isoformat()
    assert "token" not in body


def test_token_failures_count_towards_the_login_page_lockout(caseworker):
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _obtain(caseworker, password="wrong", client=client)
    response = client.post(LOGIN, {"username": "bob", "password": PASSWORD})
    assert response.status_code == 429


def test_the_old_clear_text_tokens_are_gone():
    assert "rest_framework.authtoken" not in settings.INSTALLED_APPS


def test_the_clear_text_token_table_of_the_old_authtoken_app_is_dropped(db):
    from django.db import connection

    assert "authtoken_token" not in connection.introspection.table_names()

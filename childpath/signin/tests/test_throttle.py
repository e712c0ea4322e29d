"""A flood of sign-in attempts is answered 429 before any password is hashed."""

from unittest import mock

from django.contrib.auth import hashers
from django.test import Client

from childpath.signin.tests.helpers import CODE, LOGIN, TOKEN, authenticator


def _token_attempt(client: Client, n: int, **extra):
    return client.post(
        TOKEN,
        {"username": f"nobody-{n}", "password": "guess", "otp": "123456"},
        content_type="application/json",
        **extra,
    )


def test_it_answers_429_after_the_limit_per_address_with_new_user_names(db, settings):
    settings.SIGNIN_RATE_PER_ADDRESS = 5
    client = Client()
    answers = [_token_attempt(client, n).status_code for n in range(7)]
    assert answers == [400] * 5 + [429] * 2


def test_it_hashes_no_password_once_throttled(db, settings):
    settings.SIGNIN_RATE_PER_ADDRESS = 2
    client = Client()
    _token_attempt(client, 0)
    _token_attempt(client, 1)
    with mock.patch.object(
        hashers.MD5PasswordHasher, "encode", wraps=hashers.MD5PasswordHasher().encode
    ) as encode:
        response = _token_attempt(client, 2)
        page = client.post(LOGIN, {"username": "nobody", "password": "guess"})
    assert response.status_code == 429 and page.status_code == 429
    assert encode.call_count == 0


def test_it_answers_the_api_in_json_with_retry_after(db, settings):
    settings.SIGNIN_RATE_PER_ADDRESS = 1
    client = Client()
    _token_attempt(client, 0)
    response = _token_attempt(client, 1)
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert "Too many sign-in attempts" in response.json()["detail"]
    assert 1 <= int(response["Retry-After"]) <= 61


def test_it_answers_the_login_page_with_a_page(db, settings):
    settings.SIGNIN_RATE_PER_ADDRESS = 1
    client = Client()
    client.post(LOGIN, {"username": "a", "password": "b"})
    response = client.post(LOGIN, {"username": "a", "password": "b"})
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()


def test_it_counts_the_code_step_too(caseworker, settings):
    settings.SIGNIN_RATE_PER_ADDRESS = 3
    authenticator(caseworker)
    client = Client()
    client.post(LOGIN, {"username": "bob", "password": "fictional-password-1"})
    answers = [client.post(CODE, {"code": "000000"}).status_code for _n in range(3)]
    assert answers[-1] == 429


def test_it_throttles_overall_across_addresses(db, settings):
    settings.SIGNIN_RATE_OVERALL = 4
    answers = [_token_attempt(Client(REMOTE_ADDR=f"192.0.2.{n}"), n).status_code for n in range(6)]
    assert answers == [400] * 4 + [429] * 2


def test_it_keeps_addresses_apart(db, settings):
    settings.SIGNIN_RATE_PER_ADDRESS = 2
    flooder = Client(REMOTE_ADDR="192.0.2.1")
    for n in range(4):
        _token_attempt(flooder, n)
    assert _token_attempt(Client(REMOTE_ADDR="192.0.2.2"), 9).status_code == 400


def test_it_ignores_a_forwarded_address_without_a_trusted_proxy(db, settings):
    settings.SIGNIN_RATE_PER_ADDRESS = 2
    client = Client()
    answers = [
        _token_attempt(client, n, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(3)
    ]
    assert answers[-1] == 429


def test_it_uses_the_forwarded_address_behind_a_trusted_proxy(db, settings):
    settings.SIGNIN_RATE_PER_ADDRESS = 2
    settings.CHILDPATH_TRUSTED_PROXY = True
    client = Client()
    answers = [
        _token_attempt(client, n, HTTP_X_FORWARDED_FOR=f"203.0.113.9, 198.51.100.{n}").status_code
        for n in range(3)
    ]
    assert answers == [400, 400, 400]


def test_it_does_not_throttle_pages_of_signed_in_users(caseworker, login, settings):
    settings.SIGNIN_RATE_PER_ADDRESS = 1
    client = login(caseworker)
    assert all(client.get("/cases/").status_code == 200 for _n in range(5))

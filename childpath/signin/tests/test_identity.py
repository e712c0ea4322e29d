"""The signed-in user and the verifying device in one query (childpath/signin/identity.py),
and the session read without a queryset (childpath.lib.sessions.SessionStore).

The short path must accept exactly the sessions Django and django-otp accept, and no other:
each case below is one way a session stops being valid, checked with the short path in place.
"""

from datetime import timedelta

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY
from django.contrib.sessions.models import Session
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from childpath.accounts.models import User
from conftest import verified_client

SESSION = "/accounts/session"


def _nothing(request: HttpRequest) -> HttpResponse:
    return HttpResponse()


def _signed_in(client: Client) -> bool:
    """The trivial signed-in view answers only a verified session (else: to the sign-in)."""
    return client.get(SESSION).status_code == 200


@pytest.mark.django_db
def test_a_verified_request_reads_its_session_then_the_user_and_device_together(
    caseworker: User, django_assert_num_queries
) -> None:
    client = verified_client(caseworker)
    with django_assert_num_queries(2) as queries:
        response = client.get(SESSION)
    assert response.status_code == 200
    assert response.json()["username"] == caseworker.username
    assert "django_session" in queries.captured_queries[0]["sql"]
    joined = queries.captured_queries[1]["sql"]
    assert "otp_totp_totpdevice" in joined and "accounts_user" in joined
    assert "accounts_organisation" in joined


@pytest.mark.django_db
def test_the_user_is_the_one_django_would_give_with_the_device_that_verified_them(
    caseworker: User, rf, django_assert_num_queries
) -> None:
    from django.contrib.auth.middleware import AuthenticationMiddleware
    from django.contrib.sessions.middleware import SessionMiddleware

    from childpath.signin.identity import OTPMiddleware

    client = verified_client(caseworker)
    request = rf.get(SESSION)
    request.COOKIES = {"sessionid": client.cookies["sessionid"].value}
    SessionMiddleware(_nothing).process_request(request)
    AuthenticationMiddleware(_nothing).process_request(request)
    OTPMiddleware(_nothing)._install_lazy_accessors(request)
    with django_assert_num_queries(2):
        user = request.user
        assert user.pk == caseworker.pk
        assert user.is_verified()
        # The organisation came with the user: no third query.
        assert user.organisation is not None and caseworker.organisation is not None
        assert user.organisation.name == caseworker.organisation.name
    device = TOTPDevice.objects.get(user=caseworker)
    assert user.otp_device == device


@pytest.mark.django_db
def test_a_changed_password_signs_the_session_out(caseworker: User) -> None:
    client = verified_client(caseworker)
    assert _signed_in(client)
    caseworker.set_password("another-fictional-password-7")
    caseworker.save()
    assert not _signed_in(client)
    # Django flushed the session: signing in again is needed even after the change.
    assert not _signed_in(client)


@pytest.mark.django_db
def test_an_inactive_user_is_not_signed_in(caseworker: User) -> None:
    client = verified_client(caseworker)
    User.objects.filter(pk=caseworker.pk).update(is_active=False)
    assert not _signed_in(client)


@pytest.mark.django_db
@pytest.mark.parametrize("change", ["deleted", "unconfirmed", "another user's"])
def test_a_device_that_no_longer_verifies_the_user_leaves_them_unverified(
    change: str, caseworker: User, coordinator: User
) -> None:
    client = verified_client(caseworker)
    device = TOTPDevice.objects.get(user=caseworker)
    if change == "deleted":
        device.delete()
    elif change == "unconfirmed":
        TOTPDevice.objects.filter(pk=device.pk).update(confirmed=False)
    else:
        TOTPDevice.objects.filter(pk=device.pk).update(user=coordinator)
    response = client.get(SESSION)
    # Signed out by the two-factor middleware, and sent to the sign-in page.
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not _signed_in(client)


@pytest.mark.django_db
def test_a_session_naming_an_unknown_device_or_backend_is_not_signed_in(
    caseworker: User,
) -> None:
    for key, value in (
        (DEVICE_ID_SESSION_KEY, "otp_totp.totpdevice/999999"),
        (DEVICE_ID_SESSION_KEY, "no.such_model/1"),
        (DEVICE_ID_SESSION_KEY, "otp_totp.totpdevice/not-a-number"),
        (BACKEND_SESSION_KEY, "no.such.Backend"),
        (HASH_SESSION_KEY, "0" * 64),
    ):
        client = verified_client(caseworker)
        session = client.session
        session[key] = value
        session.save()
        assert not _signed_in(client), (key, value)


@pytest.mark.django_db
def test_the_session_store_reads_a_live_session_and_forgets_an_expired_one(
    caseworker: User,
) -> None:
    from childpath.lib.sessions import SessionStore

    client = verified_client(caseworker)
    key = client.cookies["sessionid"].value
    store = SessionStore(key)
    assert store.load()[DEVICE_ID_SESSION_KEY].startswith("otp_totp.totpdevice/")
    assert store.session_key == key
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = SessionStore(key)
    assert expired.load() == {}
    assert expired.session_key is None
    assert not _signed_in(client)
    assert SessionStore("unknown-key-of-forty-characters-00000000").load() == {}


def _values(instance: object) -> list[object]:
    return [getattr(instance, f.attname) for f in instance._meta.concrete_fields]  # type: ignore[attr-defined]


@pytest.mark.django_db
@pytest.mark.parametrize("with_organisation", [True, False])
def test_the_statement_reads_what_the_queryset_reads(
    with_organisation: bool, caseworker: User, django_assert_num_queries
) -> None:
    from childpath.signin import statement

    if not with_organisation:
        User.objects.filter(pk=caseworker.pk).update(organisation=None)
    verified_client(caseworker)
    expected = TOTPDevice.objects.select_related("user__organisation").get(user=caseworker)
    with django_assert_num_queries(1):
        device = statement.read(TOTPDevice, expected.pk, caseworker.pk)
        assert device is not None
        assert _values(device) == _values(expected)
        assert _values(device.user) == _values(expected.user)
        if with_organisation:
            assert _values(device.user.organisation) == _values(expected.user.organisation)
        else:
            assert device.user.organisation is None
    assert device._state.adding is False and device.user._state.db == "default"
    # Any other user, an unknown or an unconfirmed device: nothing.
    assert statement.read(TOTPDevice, expected.pk, caseworker.pk + 1000) is None
    assert statement.read(TOTPDevice, expected.pk + 1000, caseworker.pk) is None
    TOTPDevice.objects.filter(pk=expected.pk).update(confirmed=False)
    assert statement.read(TOTPDevice, expected.pk, caseworker.pk) is None

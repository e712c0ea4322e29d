"""Passkeys as a second factor: registration from the two-factor page, sign-in at the second
step, removal, the administrator's reset, and everything a hostile client may try. The
browser's side is a software authenticator (tests/authenticator.py)."""

import json
import re
from pathlib import Path

import django_otp_webauthn
import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import translation
from django_otp_webauthn.models import WebAuthnCredential

from childpath.audit.models import AuditEvent
from childpath.signin import passkeys
from childpath.signin.tests.authenticator import SoftAuthenticator
from childpath.signin.tests.helpers import CODE, LOGIN, authenticator
from conftest import PASSWORD, verified_client

DEVICES = "/accounts/two-factor/"
REGISTER_BEGIN = "/accounts/two-factor/passkeys/begin/"
REGISTER_COMPLETE = "/accounts/two-factor/passkeys/complete/"
BEGIN = "/accounts/login/passkey/begin/"
COMPLETE = "/accounts/login/passkey/complete/"
LANGUAGES = ["sv", "bg", "sr", "sr-latn", "es", "uk"]


def _post(client: Client, url: str, data: object = None):
    body = "" if data is None else json.dumps(data)
    return client.post(url, body, content_type="application/json")


def _register(client: Client, key: SoftAuthenticator, **answer) -> WebAuthnCredential:
    options = _post(client, REGISTER_BEGIN).json()
    response = _post(client, REGISTER_COMPLETE, key.register(options, **answer))
    assert response.status_code == 200, response.content
    return WebAuthnCredential.objects.get(pk=response.json()["id"])


def _password(client: Client, user) -> None:
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response["Location"].startswith(CODE)


@pytest.fixture
def key() -> SoftAuthenticator:
    return SoftAuthenticator()


@pytest.fixture
def enrolled(caseworker, key):
    """The caseworker with an authenticator app and a passkey."""
    _register(verified_client(caseworker), key)
    return caseworker


def test_a_signed_in_user_registers_a_passkey(caseworker, key):
    client = verified_client(caseworker)
    options = _post(client, REGISTER_BEGIN).json()
    assert options["rp"] == {"name": "Childpath", "id": "testserver"}
    assert options["user"]["name"] == "bob"
    response = _post(client, REGISTER_COMPLETE, key.register(options))
    assert response.status_code == 200
    device = WebAuthnCredential.objects.get(user=caseworker)
    assert device.confirmed and device.name == "Passkey"
    assert bytes(device.credential_id) == key.credential_id
    page = client.get(DEVICES).content.decode()
    assert "The passkey is added." in page
    assert f"/accounts/two-factor/passkeys/{device.pk}/remove/" in page


def test_the_registration_is_audited(caseworker, key):
    _register(verified_client(caseworker), key)
    event = AuditEvent.objects.get(action="signin.device_added", actor=caseworker)
    assert event.fields == ["webauthn"]


def test_a_second_passkey_gets_its_own_name_and_excludes_the_first(caseworker, key):
    client = verified_client(caseworker)
    _register(client, key)
    options = _post(client, REGISTER_BEGIN).json()
    assert [c["id"] for c in options["excludeCredentials"]] == [key.register(options)["id"]]
    second = SoftAuthenticator()
    assert _post(client, REGISTER_COMPLETE, second.register(options)).status_code == 200
    names = sorted(
        WebAuthnCredential.objects.filter(user=caseworker).values_list("name", flat=True)
    )
    assert names == ["Passkey", "Passkey 2"]


def test_an_answer_from_another_site_is_refused(caseworker, key):
    client = verified_client(caseworker)
    options = _post(client, REGISTER_BEGIN).json()
    response = _post(
        client, REGISTER_COMPLETE, key.register(options, origin="https://evil.example")
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "The passkey could not be added. Try again."
    assert not WebAuthnCredential.objects.exists()
    assert not AuditEvent.objects.filter(action="signin.device_added").exists()


def test_an_answer_to_another_challenge_is_refused(caseworker, key):
    client = verified_client(caseworker)
    options = _post(client, REGISTER_BEGIN).json()
    _post(client, REGISTER_BEGIN)  # a new challenge replaces the first
    response = _post(client, REGISTER_COMPLETE, key.register(options))
    assert response.status_code == 422
    assert not WebAuthnCredential.objects.exists()


def test_a_registration_without_a_challenge_is_refused(caseworker, key):
    client = verified_client(caseworker)
    options = {"challenge": "AAAA", "rp": {"id": "testserver"}}
    response = _post(client, REGISTER_COMPLETE, key.register(options))
    assert response.status_code == 400
    assert response.json()["detail"] == "Please start again: this passkey check has expired."
    assert not WebAuthnCredential.objects.exists()


def test_the_password_alone_registers_no_passkey(caseworker, key):
    authenticator(caseworker)
    client = Client()
    _password(client, caseworker)
    assert _post(client, REGISTER_BEGIN).status_code == 403
    assert not WebAuthnCredential.objects.exists()


@pytest.mark.parametrize("url", [REGISTER_COMPLETE, COMPLETE])
@pytest.mark.parametrize("body", ["[" * 100_000 + "]" * 100_000, "[1, 2]", "{not json"])
def test_a_hostile_body_is_refused_with_400(caseworker, enrolled, url, body):
    client = verified_client(caseworker) if url == REGISTER_COMPLETE else Client()
    if url == COMPLETE:
        _password(client, caseworker)
    _post(client, REGISTER_BEGIN if url == REGISTER_COMPLETE else BEGIN)
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "The browser's answer could not be read. Try again."
    assert WebAuthnCredential.objects.count() == 1


def test_a_passkey_signs_in_at_the_second_step(enrolled, key):
    client = Client()
    _password(client, enrolled)
    page = client.get(CODE).content.decode()
    assert 'id="passkey-verification-button"' in page
    options = _post(client, BEGIN).json()
    assert options["rpId"] == "testserver"
    assert [c["id"] for c in options["allowCredentials"]] == [key.sign(options)["id"]]
    response = _post(client, COMPLETE, key.sign(options))
    assert response.status_code == 200, response.content
    assert response.json()["redirect_url"] == "/"
    assert client.session["_auth_user_id"] == str(enrolled.pk)
    assert client.get("/cases/").status_code == 200
    device = WebAuthnCredential.objects.get(user=enrolled)
    assert device.last_used_at is not None and device.sign_count == key.sign_count
    section = client.get(DEVICES).content.decode().split("<h2>Passkeys</h2>")[1].split("<h2>")[0]
    assert "Passkey (used for this sign-in)" in section


def test_it_goes_where_the_sign_in_was_asked_for(enrolled, key):
    client = Client()
    client.post(
        LOGIN + "?next=/cases/", {"username": "bob", "password": PASSWORD, "next": "/cases/"}
    )
    options = _post(client, BEGIN).json()
    response = _post(client, COMPLETE + "?next=/cases/", key.sign(options))
    assert response.json()["redirect_url"] == "/cases/"


def test_it_goes_to_no_other_site(enrolled, key):
    client = Client()
    _password(client, enrolled)
    options = _post(client, BEGIN).json()
    response = _post(client, COMPLETE + "?next=https://evil.example/", key.sign(options))
    assert response.json()["redirect_url"] == "/"


def test_the_code_page_offers_no_passkey_to_a_user_without_one(caseworker):
    authenticator(caseworker)
    client = Client()
    _password(client, caseworker)
    assert "passkey-verification" not in client.get(CODE).content.decode()
    response = _post(client, BEGIN)
    assert response.status_code == 400
    assert (
        response.json()["detail"]
        == "You have no passkey here. Type the code from your app instead."
    )


def test_no_passkey_ceremony_without_the_password(enrolled, key):
    response = _post(Client(), BEGIN)
    assert response.status_code == 403
    assert response.json()["detail"] == "Please sign in again: the sign-in took too long."


def test_an_answer_is_used_once(enrolled, key):
    client = Client()
    _password(client, enrolled)
    options = _post(client, BEGIN).json()
    answer = key.sign(options)
    assert _post(client, COMPLETE, answer).status_code == 200
    client.post("/accounts/logout/")
    _password(client, enrolled)
    _post(client, BEGIN)
    response = _post(client, COMPLETE, answer)
    assert response.status_code == 422
    assert "_auth_user_id" not in client.session


def test_another_users_passkey_does_not_sign_in_and_counts_as_a_failure(enrolled, coordinator, key):
    authenticator(coordinator)
    client = Client()
    _password(client, coordinator)
    _register(verified_client(coordinator), SoftAuthenticator())
    options = _post(client, BEGIN).json()
    response = _post(client, COMPLETE, key.sign(options))
    assert response.status_code == 403
    assert "not registered for your account" in response.json()["detail"]
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username=coordinator.username).failures_since_start == 1


def test_failed_passkeys_lock_the_account_like_wrong_codes(enrolled, settings):
    settings.AXES_FAILURE_LIMIT = 2
    stranger = SoftAuthenticator()
    client = Client()
    _password(client, enrolled)
    answers = []
    for _n in range(3):
        options = _post(client, BEGIN).json()
        answers.append(_post(client, COMPLETE, stranger.sign(options)))
        if answers[-1].status_code == 429:
            break
    assert [a.status_code for a in answers] == [404, 429]
    assert "locked" in answers[-1].json()["detail"]
    assert answers[-1]["Retry-After"]


def test_passkey_answers_are_throttled_like_codes(enrolled, key, settings):
    settings.SIGNIN_RATE_PER_ADDRESS = 2
    client = Client()
    _password(client, enrolled)  # the first attempt
    _post(client, COMPLETE, {})
    response = _post(client, COMPLETE, {})
    assert response.status_code == 429


def test_a_user_removes_a_passkey_and_it_is_audited(enrolled, key):
    client = verified_client(enrolled)
    device = WebAuthnCredential.objects.get(user=enrolled)
    response = client.post(f"/accounts/two-factor/passkeys/{device.pk}/remove/")
    assert response.status_code == 302
    assert not WebAuthnCredential.objects.exists()
    event = AuditEvent.objects.get(action="signin.device_removed")
    assert event.actor == enrolled and event.fields == ["webauthn"]
    assert "The passkey is removed." in client.get(DEVICES).content.decode()
    # The removed passkey no longer signs in.
    other = Client()
    _password(other, enrolled)
    assert _post(other, BEGIN).status_code == 400


def test_removing_the_passkey_of_this_sign_in_keeps_the_session_verified(enrolled, key):
    client = Client()
    _password(client, enrolled)
    options = _post(client, BEGIN).json()
    _post(client, COMPLETE, key.sign(options))
    device = WebAuthnCredential.objects.get(user=enrolled)
    client.post(f"/accounts/two-factor/passkeys/{device.pk}/remove/")
    assert client.get("/cases/").status_code == 200


def test_nobody_removes_another_users_passkey(enrolled, coordinator):
    device = WebAuthnCredential.objects.get(user=enrolled)
    response = verified_client(coordinator).post(
        f"/accounts/two-factor/passkeys/{device.pk}/remove/"
    )
    assert response.status_code == 404
    assert WebAuthnCredential.objects.filter(pk=device.pk).exists()


def test_an_administrators_reset_removes_the_passkeys(enrolled, administrator):
    verified_client(administrator).post(
        "/accounts/two-factor/reset/", {"username": "bob", "reason": "Laptop stolen."}
    )
    assert not WebAuthnCredential.objects.filter(user=enrolled).exists()
    assert "webauthn" in AuditEvent.objects.get(action="signin.two_factor_reset").fields


def test_the_relying_party_can_be_set(caseworker, settings):
    settings.PASSKEY_RP_ID = "childpath.example"
    settings.ALLOWED_HOSTS = ["www.childpath.example"]
    client = verified_client(caseworker)
    response = client.post(
        REGISTER_BEGIN, "", content_type="application/json", HTTP_HOST="www.childpath.example"
    )
    assert response.json()["rp"]["id"] == "childpath.example"


def test_an_address_without_a_name_says_to_use_localhost(caseworker):
    page = verified_client(caseworker).get(DEVICES, HTTP_HOST="127.0.0.1:8000").content.decode()
    assert "Passkeys need the site" in page
    assert 'href="http://localhost:8000/accounts/two-factor/"' in page
    assert "passkey-register-button" not in page


def test_the_pages_run_no_inline_script(enrolled):
    client = Client()
    _password(client, enrolled)
    for page in (client.get(CODE), verified_client(enrolled).get(DEVICES)):
        html = page.content.decode()
        policy = page["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        for tag in re.findall(r"<script[^>]*>", html):
            assert " src=" in tag or 'type="application/json"' in tag, tag
        assert '<script type="module" src="/static/django_otp_webauthn/' in html


def test_every_message_of_the_packages_scripts_is_listed():
    """A new version of django-otp-webauthn may bring new messages: they must be translated."""
    static = Path(django_otp_webauthn.__file__).parent / "static" / "django_otp_webauthn"
    used = set()
    for script in static.glob("*.js"):
        used |= set(re.findall(r'gettext\("((?:[^"\\]|\\.)*)"\)', script.read_text()))
    assert used == set(passkeys.SCRIPT_MESSAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_scripts_messages_are_translated(rf, language):
    request = rf.get("/")
    with translation.override(language):
        messages = passkeys.script_context(request, "auth")["passkey_messages"]
    untranslated = [m for m, t in messages.items() if t == m]
    assert not untranslated


def test_the_administration_cannot_change_passkeys_behind_the_audit(db):
    from django.contrib import admin

    assert not admin.site.is_registered(WebAuthnCredential)


@pytest.mark.parametrize("url", [REGISTER_COMPLETE, COMPLETE])
@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", "id=abc&type=public-key"),
        ("text/plain", "hello"),
        ("application/json", '{"id": 1, "rawId": [], "response": 5, "type": "public-key"}'),
        (
            "application/json",
            '{"id": "AA", "rawId": "AA", "type": "public-key", "response": {"clientDataJSON":'
            ' "e30", "attestationObject": "oA", "authenticatorData": "AA", "signature": "AA"}}',
        ),
    ],
)
def test_a_malformed_answer_is_refused_kindly(caseworker, enrolled, url, content_type, body):
    client = verified_client(caseworker) if url == REGISTER_COMPLETE else Client()
    if url == COMPLETE:
        _password(client, caseworker)
    _post(client, REGISTER_BEGIN if url == REGISTER_COMPLETE else BEGIN)
    response = client.post(url, body, content_type=content_type)
    assert response.status_code in {404, 422}
    assert response.json()["detail"]
    assert WebAuthnCredential.objects.count() == 1
    assert "_auth_user_id" not in client.session or url == REGISTER_COMPLETE

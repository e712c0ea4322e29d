"""Enrolment at the first sign-in, recovery codes, devices, and the administrator's reset."""

import re

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

from childpath.audit.models import AuditEvent
from childpath.signin.tests.helpers import CODE, ENROL, LOGIN, authenticator, code_for, sign_in
from conftest import PASSWORD, issue_api_token

DEVICES = "/accounts/two-factor/"
RESET = "/accounts/two-factor/reset/"


def _enrol(client: Client, user) -> list[str]:
    """First sign-in: password, scan, confirm; answers the recovery codes shown."""
    assert (
        client.post(LOGIN, {"username": user.username, "password": PASSWORD})["Location"] == ENROL
    )
    page = client.get(ENROL)
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(ENROL, {"code": code_for(device)})
    assert response.status_code == 302, response.content.decode()[:3000]
    codes_page = client.get(response["Location"])
    return re.findall(r"<li><code>([a-z0-9]+)</code></li>", codes_page.content.decode())


def test_it_shows_a_qr_code_and_the_key_at_the_first_sign_in(caseworker):
    client = Client()
    client.post(LOGIN, {"username": "bob", "password": PASSWORD})
    html = client.get(ENROL).content.decode()
    assert "<svg" in html and "<path" in html
    assert 'class="secret"' in html
    assert "style=" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]


def test_it_keeps_the_same_key_when_the_page_is_reloaded(caseworker):
    client = Client()
    client.post(LOGIN, {"username": "bob", "password": PASSWORD})
    client.get(ENROL)
    client.get(ENROL)
    assert TOTPDevice.objects.filter(user=caseworker).count() == 1


def test_it_signs_in_and_gives_ten_recovery_codes_after_enrolment(caseworker):
    client = Client()
    codes = _enrol(client, caseworker)
    assert len(codes) == 10
    assert client.session["_auth_user_id"] == str(caseworker.pk)
    assert client.get("/cases/").status_code == 200
    assert TOTPDevice.objects.get(user=caseworker).confirmed


def test_it_refuses_a_wrong_enrolment_code(caseworker):
    client = Client()
    client.post(LOGIN, {"username": "bob", "password": PASSWORD})
    client.get(ENROL)
    response = client.post(ENROL, {"code": "123456"})
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=caseworker, confirmed=True).exists()
    assert "_auth_user_id" not in client.session


def test_it_audits_the_enrolment(caseworker):
    _enrol(Client(), caseworker)
    actions = set(AuditEvent.objects.filter(actor=caseworker).values_list("action", flat=True))
    assert {"signin.device_added", "signin.recovery_codes_created"} <= actions


def test_a_recovery_code_signs_in_once(caseworker):
    codes = _enrol(Client(), caseworker)
    client = Client()
    client.post(LOGIN, {"username": "bob", "password": PASSWORD})
    response = client.post(CODE, {"code": codes[0]})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(caseworker.pk)
    assert StaticToken.objects.filter(device__user=caseworker).count() == 9
    again = Client()
    again.post(LOGIN, {"username": "bob", "password": PASSWORD})
    assert again.post(CODE, {"code": codes[0]}).status_code == 200
    assert "_auth_user_id" not in again.session


def test_using_a_recovery_code_is_audited(caseworker):
    codes = _enrol(Client(), caseworker)
    client = Client()
    client.post(LOGIN, {"username": "bob", "password": PASSWORD})
    client.post(CODE, {"code": codes[0]})
    assert AuditEvent.objects.filter(actor=caseworker, action="signin.recovery_code_used").exists()


def test_new_recovery_codes_replace_the_old_ones(caseworker, login):
    old = _enrol(Client(), caseworker)
    client = login(caseworker)
    response = client.post("/accounts/two-factor/recovery-codes/")
    new = re.findall(r"<li><code>([a-z0-9]+)</code></li>", client.get(response["Location"]).text)
    assert len(new) == 10 and not set(new) & set(old)
    other = Client()
    other.post(LOGIN, {"username": "bob", "password": PASSWORD})
    assert other.post(CODE, {"code": old[1]}).status_code == 200


def test_the_devices_page_lists_only_ones_own_apps(caseworker, coordinator, login):
    TOTPDevice.objects.create(user=coordinator, name="Carol's phone", confirmed=True)
    html = login(caseworker).get(DEVICES).content.decode()
    assert "Test authenticator" in html
    assert "Carol&#x27;s phone" not in html and "Carol's phone" not in html


def test_it_adds_a_second_app_and_removes_the_first(caseworker, login):
    client = login(caseworker)
    first = TOTPDevice.objects.get(user=caseworker)
    client.get("/accounts/two-factor/add/")
    second = TOTPDevice.objects.get(user=caseworker, confirmed=False)
    assert client.post("/accounts/two-factor/add/", {"code": code_for(second)}).status_code == 302
    response = client.post(f"/accounts/two-factor/{first.pk}/remove/")
    assert response.status_code == 302
    assert list(TOTPDevice.objects.filter(user=caseworker)) == [second]
    # The session stays signed in with both factors, bound to the remaining app.
    assert client.get("/cases/").status_code == 200
    assert AuditEvent.objects.filter(actor=caseworker, action="signin.device_removed").exists()


def test_it_keeps_the_last_app(caseworker, login):
    client = login(caseworker)
    device = TOTPDevice.objects.get(user=caseworker)
    client.post(f"/accounts/two-factor/{device.pk}/remove/")
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_it_does_not_remove_another_users_app(caseworker, coordinator, login):
    other = authenticator(coordinator)
    response = login(caseworker).post(f"/accounts/two-factor/{other.pk}/remove/")
    assert response.status_code == 404
    assert TOTPDevice.objects.filter(pk=other.pk).exists()


def test_an_administrator_resets_a_lost_device_with_a_reason(caseworker, administrator, login):
    authenticator(caseworker)
    issue_api_token(caseworker)
    response = login(administrator).post(
        RESET, {"username": "bob", "reason": "Phone lost, confirmed by phone call."}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=caseworker).exists()
    assert not AuthToken.objects.filter(user=caseworker).exists()
    event = AuditEvent.objects.get(action="signin.two_factor_reset")
    assert event.actor == administrator and "bob" in event.purpose
    # Next sign-in: enrolment again.
    assert Client().post(LOGIN, {"username": "bob", "password": PASSWORD})["Location"] == ENROL


def test_a_reset_ends_the_users_open_sessions(caseworker, administrator, login):
    client = login(caseworker)
    login(administrator).post(RESET, {"username": "bob", "reason": "Phone stolen."})
    assert client.get("/cases/").status_code == 302


def test_a_reset_needs_a_reason(caseworker, administrator, login):
    authenticator(caseworker)
    response = login(administrator).post(RESET, {"username": "bob", "reason": " "})
    assert response.status_code == 200
    assert TOTPDevice.objects.filter(user=caseworker).exists()


@pytest.mark.parametrize("persona", ["frontline", "caseworker", "coordinator", "analyst"])
def test_only_administrators_reset(request, persona, coordinator, login):
    user = request.getfixturevalue(persona)
    response = login(user).post(RESET, {"username": "carol", "reason": "Lost."})
    assert response.status_code == 403


def test_the_pages_say_sign_in_first_to_anonymous_visitors(db):
    for url in (DEVICES, RESET, "/accounts/two-factor/recovery-codes/"):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_sign_in_works_after_enrolment_with_the_app(caseworker):
    _enrol(Client(), caseworker)
    device = TOTPDevice.objects.get(user=caseworker)
    sign_in(Client(), caseworker, code_for(device, steps_ahead=1))

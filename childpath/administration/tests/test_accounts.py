"""Users: invited (an enrolment link, never a password), edited, deactivated (tokens revoked),
two-factor reset; every action audited."""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

from childpath.accounts.models import Role, User
from childpath.audit.models import AuditEvent
from conftest import issue_api_token

pytestmark = pytest.mark.django_db
# An option with a value, chosen before anyone answered.
PRESET = re.compile(r'<option value="[^"]+"[^>]* selected')


def _invite(admin_client, orgs, **overrides):
    data = {
        "username": "nina",
        "first_name": "Nina",
        "last_name": "Exempel",
        "email": "nina@example.org",
        "organisation": str(orgs["shelter"].pk),
        "role": Role.SERVICE_PROVIDER,
        **overrides,
    }
    return admin_client.post(reverse("administration-user-invite"), data)


def test_it_invites_a_user_with_an_enrolment_link(
    admin_client, orgs, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(admin_client, orgs)
    assert response.status_code == 302
    user = User.objects.get(username="nina")
    assert not user.has_usable_password()
    assert not user.is_staff
    assert [m.to for m in mailoutbox if "/accounts/enrol/" in m.body] == [["nina@example.org"]]
    assert AuditEvent.objects.filter(action="account.create").exists()


def test_it_refuses_an_invitation_without_a_role_and_says_so_once(admin_client, orgs):
    response = _invite(admin_client, orgs, role="")
    assert response.status_code == 200
    assert not User.objects.filter(username="nina").exists()
    page = response.content.decode()
    assert page.count('class="error-summary"') == 1
    assert 'href="#id_role"' in page


def test_it_has_no_preset_role_or_organisation(admin_client):
    page = admin_client.get(reverse("administration-user-invite")).content.decode()
    assert not PRESET.search(page.split('id="id_role"')[1].split("</select>")[0])
    assert not PRESET.search(page.split('id="id_organisation"')[1].split("</select>")[0])


def test_it_lists_users_by_role_and_organisation(admin_client, frontline, caseworker, orgs):
    url = reverse("administration-users")
    page = admin_client.get(url, {"role": Role.CASEWORKER}).content.decode()
    assert "bob" in page and "alice" not in page
    page = admin_client.get(url, {"organisation": str(orgs["school"].pk)}).content.decode()
    assert "alice" in page and "bob" not in page
    page = admin_client.get(url, {"q": "ALI"}).content.decode()
    assert "alice" in page and "bob" not in page


def test_it_changes_a_role_and_gives_staff_status_with_the_administrator_role(
    admin_client, caseworker
):
    url = reverse("administration-user", args=[caseworker.username])
    data = {
        "first_name": "Bob",
        "last_name": "Worker",
        "email": "bob@example.org",
        "organisation": str(caseworker.organisation_id),
        "role": Role.ADMINISTRATOR,
    }
    assert admin_client.post(url, data).status_code == 302
    caseworker.refresh_from_db()
    assert caseworker.role == Role.ADMINISTRATOR and caseworker.is_staff
    event = AuditEvent.objects.filter(action="account.update").latest("id")
    assert "role" in event.fields and "is_staff" in event.fields


def test_it_keeps_the_administrator_role_of_the_administrator_editing_themselves(
    admin_client, administrator
):
    url = reverse("administration-user", args=[administrator.username])
    data = {
        "first_name": "Grace",
        "last_name": "Admin",
        "email": "grace@example.org",
        "organisation": str(administrator.organisation_id),
        "role": Role.ANALYST,
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    administrator.refresh_from_db()
    assert administrator.role == Role.ADMINISTRATOR


def test_it_deactivates_an_account_and_revokes_its_tokens(admin_client, caseworker):
    issue_api_token(caseworker)
    url = reverse("administration-user-deactivate", args=[caseworker.username])
    assert admin_client.get(url).status_code == 200
    assert admin_client.post(url).status_code == 302
    caseworker.refresh_from_db()
    assert not caseworker.is_active
    assert not AuthToken.objects.filter(user=caseworker).exists()
    # JSON containment is not portable (SQLite has none): compare in Python.
    updates = AuditEvent.objects.filter(action="account.update").values_list("fields", flat=True)
    assert any("is_active" in fields for fields in updates)


def test_it_does_not_let_administrators_deactivate_themselves(admin_client, administrator):
    url = reverse("administration-user-deactivate", args=[administrator.username])
    response = admin_client.post(url)
    assert response.status_code == 200
    administrator.refresh_from_db()
    assert administrator.is_active


def test_it_reactivates_an_account(admin_client, caseworker):
    User.objects.filter(pk=caseworker.pk).update(is_active=False)
    url = reverse("administration-user-reactivate", args=[caseworker.username])
    assert admin_client.post(url).status_code == 302
    caseworker.refresh_from_db()
    assert caseworker.is_active


def test_it_resets_the_two_factor_sign_in_with_a_reason(admin_client, caseworker):
    TOTPDevice.objects.create(user=caseworker, name="Lost phone", confirmed=True)
    url = reverse("administration-user-two-factor", args=[caseworker.username])
    response = admin_client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert TOTPDevice.objects.filter(user=caseworker).exists()
    response = admin_client.post(url, {"reason": "Phone lost; called back on her desk number"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=caseworker).exists()
    event = AuditEvent.objects.get(action="signin.two_factor_reset")
    assert "called back" in event.purpose


def test_it_sends_a_password_link_to_the_persons_own_address(
    admin_client, caseworker, mailoutbox, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=caseworker.pk).update(email="bob@example.org")
    url = reverse("administration-user-password-link", args=[caseworker.username])
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url).status_code == 302
    assert [m.to for m in mailoutbox] == [["bob@example.org"]]
    assert AuditEvent.objects.filter(action="account.reset_link").exists()


def test_it_leaves_superusers_to_superusers(admin_client, orgs):
    root = User.objects.create_superuser(username="root", password="x", email="r@example.org")
    url = reverse("administration-user", args=[root.username])
    assert admin_client.get(url).status_code == 403


def test_it_changes_the_role_of_an_account_without_a_last_name_or_address(admin_client, frontline):
    url = reverse("administration-user", args=[frontline.username])
    data = {"first_name": "Alice", "organisation": str(frontline.organisation_id)}
    assert admin_client.post(url, {**data, "role": Role.CASEWORKER}).status_code == 302
    frontline.refresh_from_db()
    assert frontline.role == Role.CASEWORKER


def test_it_edits_the_work_contact_that_referrals_share(admin_client, caseworker):
    url = reverse("administration-user", args=[caseworker.username])
    form = admin_client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        organisation=caseworker.organisation_id,
        work_phone="  +46 8   123 45 67 ",
        work_email="sara.work@example.org",
        language="sv",
    )
    assert admin_client.post(url, data).status_code == 302
    caseworker.refresh_from_db()
    assert caseworker.work_phone == "+46 8 123 45 67"
    assert caseworker.work_email == "sara.work@example.org"
    assert caseworker.language == "sv"


def test_it_refuses_a_work_email_that_is_not_one(admin_client, caseworker):
    url = reverse("administration-user", args=[caseworker.username])
    form = admin_client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(organisation=caseworker.organisation_id, work_email="not an address")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    caseworker.refresh_from_db()
    assert caseworker.work_email != "not an address"

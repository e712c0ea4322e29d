"""Administrators manage accounts without being able to use them (DESIGN.md 7; finding 2)."""

import re

import pytest
from django.core import mail
from django.test import Client

from childpath.accounts.models import Role, User
from childpath.audit.models import AuditEvent
from childpath.auditing import accounts
from conftest import verified_client


def _admin_client(administrator) -> Client:
    return verified_client(administrator)


def _add(client, orgs, **overrides):
    data = {
        "username": "new.coordinator",
        "first_name": "Nova",
        "last_name": "Exempel",
        "email": "nova@example.org",
        "organisation": str(orgs["social"].pk),
        "role": Role.COORDINATOR,
    }
    data.update(overrides)
    return client.post("/admin/accounts/user/add/", data)


def test_it_creates_an_account_without_a_password_anyone_knows(
    administrator, orgs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _add(_admin_client(administrator), orgs)
    assert response.status_code == 302
    user = User.objects.get(username="new.coordinator")
    assert not user.has_usable_password()


def test_it_ignores_a_password_the_administrator_tries_to_set(administrator, orgs):
    # Finding 2: an administrator created a coordinator with a password and signed in as it.
    _add(
        _admin_client(administrator),
        orgs,
        password1="fictional-Passphrase-42",
        password2="fictional-Passphrase-42",
        usable_password="true",
    )
    user = User.objects.get(username="new.coordinator")
    assert not user.check_password("fictional-Passphrase-42")


def test_it_sends_the_enrolment_link_to_the_person_only(
    administrator, orgs, coordinator, django_capture_on_commit_callbacks
):
    coordinator.email = "carol@example.org"
    coordinator.save()
    with django_capture_on_commit_callbacks(execute=True):
        _add(_admin_client(administrator), orgs)
    [link_mail] = [m for m in mail.outbox if m.to == ["nova@example.org"]]
    assert "/accounts/enrol/" in link_mail.body
    assert all("/accounts/enrol/" not in m.body for m in mail.outbox if m is not link_mail)


def test_it_lets_the_person_choose_the_password_from_the_link(
    administrator, orgs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _add(_admin_client(administrator), orgs)
    [message] = [m for m in mail.outbox if m.to == ["nova@example.org"]]
    found = re.search(r"https?://[^/]+(/accounts/enrol/\S+)", str(message.body))
    assert found is not None
    path = found.group(1)
    client = Client()
    form = client.get(path, follow=True)
    assert form.status_code == 200
    response = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else path,
        {"new_password1": "fictional-Passphrase-42", "new_password2": "fictional-Passphrase-42"},
    )
    assert response.status_code == 302
    assert User.objects.get(username="new.coordinator").check_password("fictional-Passphrase-42")


def test_it_refuses_the_administrator_the_password_change_form(administrator, caseworker):
    response = _admin_client(administrator).get(f"/admin/accounts/user/{caseworker.pk}/password/")
    assert response.status_code == 403


def test_it_sends_a_reset_link_instead(
    administrator, caseworker, django_capture_on_commit_callbacks
):
    caseworker.email = "bob@example.org"
    caseworker.save()
    with django_capture_on_commit_callbacks(execute=True):
        _admin_client(administrator).post(
            "/admin/accounts/user/",
            {"action": "send_reset_link", "_selected_action": [caseworker.pk]},
        )
    [message] = mail.outbox
    assert message.to == ["bob@example.org"]
    assert AuditEvent.objects.latest("id").action == "account.reset_link"


def test_it_audits_a_new_account_in_the_chain(administrator, orgs):
    _add(_admin_client(administrator), orgs)
    event = AuditEvent.objects.get(action="account.create")
    assert event.actor == administrator
    assert "role" in event.fields


def test_it_audits_a_role_change_in_the_chain(administrator, caseworker):
    client = _admin_client(administrator)
    response = client.post(
        f"/admin/accounts/user/{caseworker.pk}/change/",
        {
            "username": caseworker.username,
            "first_name": caseworker.first_name,
            "last_name": "",
            "email": "",
            "organisation": str(caseworker.organisation_id),
            "role": Role.COORDINATOR,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="account.update")
    assert event.fields == ["role"]
    assert event.purpose == f"account {caseworker.pk}"


def test_it_audits_an_organisation_change(administrator, orgs):
    social = orgs["social"]
    _admin_client(administrator).post(
        f"/admin/accounts/organisation/{social.pk}/change/",
        {"name": social.name, "sector": social.sector, "country": "SE", "may_identify": ""},
    )
    assert AuditEvent.objects.get(action="organisation.update").fields == ["may_identify"]


def test_it_tells_the_coordinators_of_the_organisation_of_a_new_account(
    administrator, orgs, coordinator, django_capture_on_commit_callbacks
):
    coordinator.email = "carol@example.org"
    coordinator.save()
    with django_capture_on_commit_callbacks(execute=True):
        _add(_admin_client(administrator), orgs)
    [told] = [m for m in mail.outbox if m.to == ["carol@example.org"]]
    assert "new.coordinator" in told.body
    assert administrator.username in told.body


def test_it_tells_the_coordinators_of_a_new_case_role(
    administrator, frontline, orgs, coordinator, django_capture_on_commit_callbacks
):
    coordinator.email = "carol@example.org"
    coordinator.save()
    frontline.organisation = orgs["social"]
    frontline.save()
    with django_capture_on_commit_callbacks(execute=True):
        frontline.role = Role.CASEWORKER
        accounts.save_account(actor=administrator, user=frontline, changed=["role"], created=False)
    assert [m.to for m in mail.outbox] == [["carol@example.org"]]


def test_it_refuses_account_changes_by_anyone_but_an_administrator(caseworker, frontline):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        accounts.save_account(actor=caseworker, user=frontline, changed=["role"], created=False)


def test_it_offers_no_superuser_or_permission_fields(administrator, caseworker):
    body = _admin_client(administrator).get(f"/admin/accounts/user/{caseworker.pk}/change/")
    html = body.content.decode()
    assert 'name="is_superuser"' not in html
    assert 'name="user_permissions"' not in html
    assert 'name="password"' not in html

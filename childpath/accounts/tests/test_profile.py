"""One's own profile: work phone, work e-mail and the language of e-mails. Audited; bad input
changes nothing. All data are fictional."""

import pytest
from django.core.exceptions import ValidationError

from childpath.accounts.models import User, validate_phone
from childpath.audit.models import AuditEvent

GOOD = {
    "work_phone": "+46 8 555 010 20",
    "work_email": "bob.work@example.invalid",
    "language": "sv",
}


def test_it_saves_the_work_contact_and_the_language(caseworker, login):
    response = login(caseworker).post("/accounts/profile/", GOOD)
    assert response.status_code == 302
    caseworker.refresh_from_db()
    assert (caseworker.work_phone, caseworker.work_email, caseworker.language) == (
        "+46 8 555 010 20",
        "bob.work@example.invalid",
        "sv",
    )


def test_it_tidies_the_spaces_of_a_phone_number(caseworker, login):
    login(caseworker).post("/accounts/profile/", {**GOOD, "work_phone": "  +46  8 555 010 20 "})
    caseworker.refresh_from_db()
    assert caseworker.work_phone == "+46 8 555 010 20"


def test_it_audits_the_fields_changed_never_their_values(caseworker, login):
    login(caseworker).post("/accounts/profile/", GOOD)
    event = AuditEvent.objects.filter(action="account.profile").get()
    assert event.actor == caseworker
    assert sorted(event.fields) == ["language", "work_email", "work_phone"]
    assert "555" not in event.purpose + str(event.fields)


def test_it_writes_no_audit_event_when_nothing_changed(caseworker, login):
    client = login(caseworker)
    client.post("/accounts/profile/", GOOD)
    client.post("/accounts/profile/", GOOD)
    assert AuditEvent.objects.filter(action="account.profile").count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("work_phone", "call me", "Write the phone number with digits"),
        ("work_phone", "+", "Write the phone number with digits"),
        ("work_email", "not-an-address", "valid email"),
        ("language", "tlh", "Select a valid choice"),
    ],
)
def test_it_refuses_bad_input_and_changes_nothing(caseworker, login, field, value, message):
    response = login(caseworker).post("/accounts/profile/", {**GOOD, field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    caseworker.refresh_from_db()
    assert (caseworker.work_phone, caseworker.work_email, caseworker.language) == ("", "", "")


def test_it_explains_the_phone_in_swedish(caseworker, login):
    client = login(caseworker)
    client.post("/i18n/setlang/", {"language": "sv"})
    response = client.post("/accounts/profile/", {**GOOD, "work_phone": "ring mig"})
    assert "Skriv telefonnumret med siffror" in response.content.decode()


def test_it_shows_the_form_with_the_current_values(caseworker, login):
    caseworker.work_phone = "+46 8 555 010 20"
    caseworker.save()
    html = login(caseworker).get("/accounts/profile/").content.decode()
    assert 'value="+46 8 555 010 20"' in html
    assert "The language of this Childpath" in html


def test_it_lets_every_signed_in_role_keep_a_profile(administrator, analyst, login):
    for person in (administrator, analyst):
        assert login(person).get("/accounts/profile/").status_code == 200


def test_it_sends_an_anonymous_visitor_to_sign_in(client):
    assert client.get("/accounts/profile/").url.startswith("/accounts/login/")


def test_it_links_the_profile_from_the_menu(caseworker, login):
    assert 'href="/accounts/profile/"' in login(caseworker).get("/").content.decode()


@pytest.mark.parametrize("number", ["+46 8 555 010 20", "08-555 010 20", "(08) 555.010.20", "112"])
def test_it_accepts_phone_numbers_as_people_write_them(number):
    validate_phone(number)


@pytest.mark.parametrize("number", ["", "phone", "+46 8 555 010 20 ext. 3", "1", "+"])
def test_it_refuses_what_is_not_a_phone_number(number):
    with pytest.raises(ValidationError):
        validate_phone(number)


def test_it_writes_e_mails_in_the_instances_language_by_default(caseworker, settings):
    settings.LANGUAGE_CODE = "es"
    assert caseworker.mail_language == "es"
    caseworker.language = "uk"
    assert caseworker.mail_language == "uk"


def test_it_shows_the_work_email_before_the_sign_in_address(caseworker):
    caseworker.email = "bob@example.invalid"
    assert caseworker.contact_email == "bob@example.invalid"
    caseworker.work_email = "bob.work@example.invalid"
    assert caseworker.contact_email == "bob.work@example.invalid"


def test_an_administrator_edits_the_work_contact_audited(administrator, caseworker):
    from childpath.auditing import accounts

    caseworker.work_phone = "+46 8 555 010 20"
    accounts.save_account(
        actor=administrator, user=caseworker, changed=["work_phone"], created=False
    )
    assert User.objects.get(pk=caseworker.pk).work_phone == "+46 8 555 010 20"
    assert AuditEvent.objects.filter(action="account.update").get().fields == ["work_phone"]


def test_the_administration_edits_the_work_contact(administrator, caseworker):
    from childpath.accounts.tests.test_admin import _client

    html = _client(administrator).get(f"/admin/accounts/user/{caseworker.pk}/change/")
    content = html.content.decode()
    assert 'name="work_phone"' in content
    assert 'name="work_email"' in content
    assert 'name="language"' in content

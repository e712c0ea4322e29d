"""Who hears of a referral, on screen and by e-mail: the receiving service of a new one, the
coordinator and the sender of an acceptance or a decline; nobody else. E-mails carry no name
and no free text about the child, are in the reader's language, and go only after commit."""

import logging
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from childpath.accounts.models import Organisation, Role, User
from childpath.referrals import services
from childpath.referrals.models import Notification
from childpath.referrals.tests.conftest import make_place

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MONDAY_9 = datetime(2026, 3, 2, 9, 0, tzinfo=STOCKHOLM)
# What the fixtures write about the child: none of it may be in an e-mail.
CHILD_TEXTS = ("Testa", "Exempel", "safe place tonight", "Call Bob", "No beds")


def person(username: str, organisation: Organisation, role: str, **fields: Any) -> User:
    return User.objects.create_user(
        username=username,
        first_name=username.capitalize(),
        organisation=organisation,
        role=role,
        email=f"{username}@example.invalid",
        **fields,
    )


def told(kind: str) -> set[str]:
    rows = Notification.objects.filter(kind=kind).select_related("user")
    return {row.user.username for row in rows}


@pytest.fixture
def shelter_staff(orgs, provider):
    """Dana handles referrals; a shelter nurse (frontline) and its analyst do not; a former
    colleague's account is closed."""
    provider.email = "dana@example.invalid"
    provider.save()
    return {
        "nurse": person("nina", orgs["shelter"], Role.FRONTLINE),
        "analyst": person("otto", orgs["shelter"], Role.ANALYST),
        "gone": person("gus", orgs["shelter"], Role.SERVICE_PROVIDER, is_active=False),
        "other_service": person("ola", orgs["barnahus"], Role.SERVICE_PROVIDER),
    }


# A new referral: the receiving service


def test_it_tells_the_services_referral_handlers_of_a_new_referral(
    presumed, send, provider, shelter_staff
):
    send(presumed)
    assert told("referral.received") == {provider.username}


def test_it_tells_nobody_on_the_sending_side_of_a_new_referral(
    presumed, send, coordinator, caseworker, frontline, shelter_staff
):
    send(presumed)
    assert not Notification.objects.filter(user__in=[coordinator, caseworker, frontline]).exists()


def test_it_tells_everyone_of_a_service_without_a_referral_handler(presumed, send, orgs):
    nurse = person("nina", orgs["shelter"], Role.FRONTLINE)
    send(presumed)
    assert told("referral.received") == {nurse.username}


def test_it_tells_each_coordinator_and_caseworker_of_a_receiving_social_service(
    presumed, caseworker, orgs
):
    place = make_place("Test Family Support", orgs["other_social"], need="family_support")
    charlie = person("charlie", orgs["other_social"], Role.CASEWORKER)
    chief = person("chief", orgs["other_social"], Role.COORDINATOR)
    from childpath.referrals.tests.conftest import referral_data

    services.send_referral(
        actor=caseworker, case=presumed, service_at_location=place, data=referral_data()
    )
    assert told("referral.received") == {charlie.username, chief.username}


def test_it_names_no_case_reference_to_the_receiver(presumed, send, provider):
    referral = send(presumed)
    notification = Notification.objects.get(user=provider)
    assert notification.case_reference == ""
    assert referral.case.reference not in str(notification.data)


@time_machine.travel(MONDAY_9, tick=False)
def test_it_emails_the_service_the_urgency_and_the_deadlines_once_committed(
    presumed, send, provider, shelter_staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        referral = send(presumed, urgency="emergency")
    assert [mail.to for mail in mailoutbox] == [["dana@example.invalid"]]
    mail = mailoutbox[0]
    assert "emergency" in mail.subject
    assert "2 March 2026, 13:00" in mail.body  # acknowledge within 4 hours
    assert f"/pathways/referrals/{referral.pk}/" in mail.body
    assert referral.case.reference not in mail.body + mail.subject
    for text in CHILD_TEXTS:
        assert text not in mail.body + mail.subject


def test_it_sends_no_email_before_the_referral_commits(
    presumed, send, provider, shelter_staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send(presumed)
    assert mailoutbox == []
    assert callbacks


def test_it_writes_the_email_in_the_readers_language(
    presumed, send, provider, mailoutbox, django_capture_on_commit_callbacks
):
    provider.email, provider.language = "dana@example.invalid", "sv"
    provider.save()
    with django_capture_on_commit_callbacks(execute=True):
        send(presumed)
    assert "remiss" in mailoutbox[0].subject.lower()
    assert "Sign in" not in mailoutbox[0].body


def test_it_writes_the_email_in_the_instances_language_by_default(
    presumed, send, provider, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.LANGUAGE_CODE = "es"
    provider.email = "dana@example.invalid"
    provider.save()
    with django_capture_on_commit_callbacks(execute=True):
        send(presumed)
    assert "derivación" in mailoutbox[0].subject.lower()


def test_it_keeps_the_referral_when_the_email_cannot_be_sent(
    presumed, send, provider, mailoutbox, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    provider.email = "dana@example.invalid"
    provider.save()

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("mail server down")

    monkeypatch.setattr("childpath.referrals.tasks.send_mail", broken)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        referral = send(presumed)
    assert referral.pk is not None
    assert Notification.objects.filter(user=provider).exists()
    assert "notification e-mail not sent" in caplog.text
    assert "dana@example.invalid" not in caplog.text


# The service's answer: the coordinator and the sender


def test_it_tells_the_coordinator_and_the_sender_of_an_acceptance(
    referral, provider, coordinator, caseworker, frontline
):
    services.change_status(actor=provider, referral=referral, status="accepted")
    assert told("referral.accepted") == {coordinator.username, caseworker.username}


def test_it_tells_the_coordinator_once_when_the_coordinator_sent_it(
    presumed, coordinator, provider, shelter_place
):
    from childpath.referrals.tests.conftest import referral_data

    referral = services.send_referral(
        actor=coordinator, case=presumed, service_at_location=shelter_place, data=referral_data()
    )
    services.change_status(actor=provider, referral=referral, status="accepted")
    assert told("referral.accepted") == {coordinator.username}


def test_it_tells_nobody_else_of_a_decline(referral, provider, frontline, shelter_staff):
    services.change_status(actor=provider, referral=referral, status="declined", reason="No beds.")
    assert told("referral.declined") == {"carol", "bob"}


def test_it_does_not_tell_of_an_acknowledgement(referral, provider):
    services.change_status(actor=provider, referral=referral, status="acknowledged")
    assert not Notification.objects.exclude(kind="referral.received").exists()


def test_it_shows_the_reason_for_a_decline_on_screen(referral, provider, coordinator, login):
    services.change_status(
        actor=provider, referral=referral, status="declined", reason="No beds. (Fictional.)"
    )
    html = login(coordinator).get("/pathways/notifications/").content.decode()
    assert "No beds. (Fictional.)" in html


def test_it_audits_the_reason_shown_on_screen(referral, provider, coordinator, login):
    from childpath.audit.models import AuditEvent

    services.change_status(actor=provider, referral=referral, status="declined", reason="Full.")
    login(coordinator).get("/pathways/notifications/")
    event = AuditEvent.objects.filter(actor=coordinator, action="referral.read").get()
    assert event.fields == ["decline_reason"]


def test_it_emails_a_decline_without_its_reason(
    referral, provider, coordinator, caseworker, mailoutbox, django_capture_on_commit_callbacks
):
    for user in (coordinator, caseworker):
        user.email = f"{user.username}@example.invalid"
        user.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(
            actor=provider, referral=referral, status="declined", reason="No beds."
        )
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "bob@example.invalid",
        "carol@example.invalid",
    ]
    for mail in mailoutbox:
        assert referral.case.reference in mail.subject
        assert "read the reason" in mail.body
        for text in CHILD_TEXTS:
            assert text not in mail.body + mail.subject


def test_it_lists_notifications_in_the_same_queries_for_3_or_12(
    presumed, send, provider, login, django_assert_max_num_queries
):
    client = login(provider)
    for _n in range(3):
        send(presumed)
    client.get("/pathways/notifications/")
    with django_assert_max_num_queries(15) as few:
        client.get("/pathways/notifications/")
    for _n in range(9):
        send(presumed)
    with django_assert_max_num_queries(15) as many:
        client.get("/pathways/notifications/")
    assert len(few) == len(many)


def test_it_keeps_the_unread_count_on_the_user_row(presumed, send, provider):
    for _n in range(3):
        send(presumed)
    provider.refresh_from_db()
    rows = Notification.objects.filter(user=provider)
    assert provider.unread_notifications == rows.unread().count() == 3
    first = rows.order_by("id").first()
    assert first is not None
    assert services.mark_read(user=provider, ids=[first.pk]) == 1
    # Marking a read notification again changes nothing.
    assert services.mark_read(user=provider, ids=[first.pk]) == 0
    provider.refresh_from_db()
    assert provider.unread_notifications == rows.unread().count() == 2
    assert services.mark_read(user=provider) == 2
    provider.refresh_from_db()
    assert provider.unread_notifications == 0

"""Sending referrals and moving them on: the rules, the audit trail and the timeline."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from childpath.audit.models import AuditEvent
from childpath.cases.models import Access, Case, CaseEvent, CaseMember
from childpath.referrals import services
from childpath.referrals.models import Notification, Referral, ReferralChange
from childpath.referrals.tests.conftest import referral_data

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MONDAY_9 = datetime(2026, 3, 2, 9, 0, tzinfo=STOCKHOLM)
FRIDAY_15 = datetime(2026, 3, 6, 15, 0, tzinfo=STOCKHOLM)


# Sending


def test_it_sends_a_referral_to_the_services_organisation(referral, orgs, caseworker):
    assert referral.status == "sent"
    assert referral.to_organisation == orgs["shelter"]
    assert (referral.sent_by, referral.from_organisation) == (caseworker, orgs["social"])


@time_machine.travel(MONDAY_9, tick=False)
def test_it_gives_an_emergency_4_hours_to_acknowledge_and_a_day_to_answer(presumed, send):
    referral = send(presumed)
    assert referral.acknowledge_by == MONDAY_9 + timedelta(hours=4)
    assert referral.respond_by == MONDAY_9 + timedelta(hours=24)
    assert referral.due_at == referral.acknowledge_by


@time_machine.travel(FRIDAY_15, tick=False)
def test_it_counts_working_days_for_a_routine_referral(presumed, send):
    referral = send(presumed, urgency="routine")
    assert referral.acknowledge_by == datetime(2026, 3, 10, 15, 0, tzinfo=STOCKHOLM)  # Tuesday
    assert referral.respond_by == datetime(2026, 3, 20, 15, 0, tzinfo=STOCKHOLM)


@time_machine.travel(MONDAY_9, tick=False)
def test_it_takes_the_limits_from_the_active_profile(presumed, send, settings):
    settings.CHILDPATH_PROFILE = "model"
    referral = send(presumed, urgency="urgent")
    assert referral.acknowledge_by == MONDAY_9 + timedelta(days=1)


def test_it_copies_only_the_items_chosen(presumed, send):
    referral = send(presumed, shared_items=["age", "languages"])
    assert referral.shared == {
        "age": {
            "years": referral.shared["age"]["years"],
            "treated_as_child": True,
            "disputed": False,
        },
        "languages": ["sv"],
    }
    assert "Testa" not in repr(referral.shared)


def test_it_shares_the_lead_professionals_contact_when_chosen(presumed, send, coordinator):
    referral = send(presumed, shared_items=["lead_contact"])
    assert referral.shared["lead_contact"]["name"] == coordinator.display_name


def test_it_encrypts_the_reason_and_the_note(referral):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reason, note, shared FROM referrals_referral WHERE id = %s",
            [referral.pk.hex if connection.vendor == "sqlite" else referral.pk],
        )
        stored = " ".join(cursor.fetchone())
    assert "safe place" not in stored
    assert "Call Bob" not in stored


def test_it_records_the_referral_on_the_timeline_and_in_the_audit_trail(referral, presumed):
    event = CaseEvent.objects.filter(case=presumed, kind="referral.sent").get()
    assert event.data["urgency"] == "emergency"
    audit = AuditEvent.objects.filter(action="referral.create").get()
    assert audit.case_reference == presumed.reference
    assert audit.fields == ["referral", "shared.age", "shared.languages", "shared.needs"]


def test_it_refuses_a_referral_without_a_reason(presumed, send):
    with pytest.raises(ValidationError) as error:
        send(presumed, reason="  ")
    assert "reason" in error.value.message_dict
    assert not Referral.objects.exists()


def test_it_refuses_an_unknown_shared_item(presumed, send):
    with pytest.raises(ValidationError) as error:
        send(presumed, shared_items=["passport"])
    assert "shared_items" in error.value.message_dict


def test_it_refuses_a_service_that_receives_no_referrals(presumed, send, unlinked_place):
    with pytest.raises(ValidationError) as error:
        send(presumed, place=unlinked_place)
    assert "service_at_location" in error.value.message_dict
    assert not AuditEvent.objects.filter(action="referral.create").exists()


def test_it_refuses_a_sender_with_view_access_only(
    presumed, caseworker, provider, shelter_place, orgs
):
    from childpath.cases import services as case_services

    case_services.add_team_member(
        actor=caseworker, case=presumed, organisation=orgs["shelter"], user=provider, access="view"
    )
    with pytest.raises(PermissionDenied):
        services.send_referral(
            actor=provider, case=presumed, service_at_location=shelter_place, data=referral_data()
        )


def test_it_refuses_a_sender_outside_the_team(presumed, outsider, shelter_place):
    with pytest.raises(PermissionDenied):
        services.send_referral(
            actor=outsider, case=presumed, service_at_location=shelter_place, data=referral_data()
        )


# The receiver's answer


def test_it_lets_the_receiver_acknowledge(referral, provider):
    services.change_status(actor=provider, referral=referral, status="acknowledged")
    referral.refresh_from_db()
    assert referral.status == "acknowledged"
    assert referral.due_at == referral.respond_by


def test_it_puts_the_accepting_person_on_the_team_with_view_access(referral, provider, presumed):
    services.change_status(actor=provider, referral=referral, status="accepted")
    member = CaseMember.objects.get(case=presumed, user=provider)
    assert member.access == Access.VIEW
    assert Case.objects.visible_to(provider).filter(pk=presumed.pk).exists()
    assert not Case.objects.editable_by(provider).filter(pk=presumed.pk).exists()


def test_it_stops_watching_deadlines_once_accepted(referral, provider):
    services.change_status(actor=provider, referral=referral, status="accepted")
    referral.refresh_from_db()
    assert referral.due_at is None


def test_it_requires_a_reason_to_decline(referral, provider):
    with pytest.raises(ValidationError) as error:
        services.change_status(actor=provider, referral=referral, status="declined")
    assert "reason" in error.value.message_dict
    referral.refresh_from_db()
    assert referral.status == "sent"


def test_it_erases_the_shared_copy_when_declined(referral, provider, presumed):
    services.change_status(
        actor=provider, referral=referral, status="declined", reason="No beds. (Fictional.)"
    )
    referral.refresh_from_db()
    assert (referral.status, referral.shared, referral.decline_reason) == (
        "declined",
        None,
        "No beds. (Fictional.)",
    )
    assert not Case.objects.visible_to(provider).filter(pk=presumed.pk).exists()


def test_it_tells_the_coordinator_and_the_sender_of_a_decline(
    referral, provider, coordinator, caseworker
):
    services.change_status(actor=provider, referral=referral, status="declined", reason="Full.")
    told = Notification.objects.filter(kind="referral.declined").values_list("user", flat=True)
    assert sorted(told) == sorted([coordinator.pk, caseworker.pk])


def test_it_emails_the_coordinator_of_a_decline_once_committed(
    referral, provider, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    coordinator.email = "carol@example.invalid"
    coordinator.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(actor=provider, referral=referral, status="declined", reason="Full.")
    assert [mail.to for mail in mailoutbox] == [["carol@example.invalid"]]
    assert referral.case.reference in mailoutbox[0].body
    assert "Testa" not in mailoutbox[0].body + mailoutbox[0].subject


def test_it_sends_no_email_before_the_transaction_commits(
    referral, provider, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    coordinator.email = "carol@example.invalid"
    coordinator.save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.change_status(actor=provider, referral=referral, status="declined", reason="Full.")
    assert mailoutbox == []
    # Other apps also act on commit (the statistics refresh the case): run them all.
    for callback in callbacks:
        callback()
    assert [mail.to for mail in mailoutbox] == [["carol@example.invalid"]]


def test_it_lets_the_receiver_report_support_under_way_and_completed(referral, provider):
    for status in ("accepted", "active", "completed"):
        services.change_status(actor=provider, referral=referral, status=status)
        referral.refresh_from_db()
    assert referral.status == "completed"
    assert list(referral.changes.values_list("status", flat=True)) == [
        "sent",
        "accepted",
        "active",
        "completed",
    ]


def test_it_records_each_change_on_the_timeline_and_in_the_audit_trail(referral, provider):
    services.change_status(actor=provider, referral=referral, status="accepted")
    event = CaseEvent.objects.get(kind="referral.status")
    assert (event.actor, event.data["status"]) == (provider, "accepted")
    assert AuditEvent.objects.filter(action="referral.accepted", actor=provider).exists()


def test_it_refuses_the_sender_accepting_for_the_service(referral, caseworker):
    with pytest.raises(PermissionDenied):
        services.change_status(actor=caseworker, referral=referral, status="accepted")


def test_it_refuses_someone_on_neither_side(referral, outsider):
    with pytest.raises(PermissionDenied):
        services.change_status(actor=outsider, referral=referral, status="acknowledged")


def test_it_refuses_a_change_the_state_machine_does_not_allow(referral, provider):
    services.change_status(actor=provider, referral=referral, status="accepted")
    referral.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.change_status(actor=provider, referral=referral, status="acknowledged")
    assert "status" in error.value.message_dict


def test_it_lets_a_stale_change_lose_to_the_one_made_meanwhile(referral, provider, caseworker):
    stale = Referral.objects.get(pk=referral.pk)
    services.change_status(actor=caseworker, referral=referral, status="withdrawn")
    with pytest.raises(ValidationError):
        services.change_status(actor=provider, referral=stale, status="accepted")
    referral.refresh_from_db()
    assert referral.status == "withdrawn"
    assert not CaseMember.objects.filter(user=provider).exists()


# The sender's side


def test_it_lets_the_sender_withdraw_and_erases_the_shared_copy(referral, caseworker):
    services.change_status(actor=caseworker, referral=referral, status="withdrawn")
    referral.refresh_from_db()
    assert (referral.status, referral.shared, referral.due_at) == ("withdrawn", None, None)


def test_it_takes_back_the_access_an_accepted_referral_gave_when_withdrawn(
    referral, provider, caseworker, presumed
):
    services.change_status(actor=provider, referral=referral, status="accepted")
    referral.refresh_from_db()
    services.change_status(actor=caseworker, referral=referral, status="withdrawn")
    assert not Case.objects.visible_to(provider).filter(pk=presumed.pk).exists()


def test_it_keeps_the_access_of_a_receiver_already_on_the_team(
    referral, provider, caseworker, presumed, orgs
):
    from childpath.cases import services as case_services

    case_services.add_team_member(
        actor=caseworker, case=presumed, organisation=orgs["shelter"], user=provider, access="edit"
    )
    services.change_status(actor=provider, referral=referral, status="accepted")
    referral.refresh_from_db()
    services.change_status(actor=caseworker, referral=referral, status="withdrawn")
    assert CaseMember.objects.get(case=presumed, user=provider).access == Access.EDIT


def test_it_lets_the_coordinator_mark_no_response(referral, coordinator):
    services.change_status(actor=coordinator, referral=referral, status="no_response")
    referral.refresh_from_db()
    assert referral.status == "no_response"


def test_it_keeps_every_change_in_the_referrals_history(referral, coordinator):
    services.change_status(actor=coordinator, referral=referral, status="no_response")
    assert ReferralChange.objects.filter(referral=referral).count() == 2


# Notifications


def test_it_marks_notifications_read(referral, provider, coordinator):
    services.change_status(actor=provider, referral=referral, status="declined", reason="Full.")
    assert services.mark_read(user=coordinator) == 1
    assert not Notification.objects.filter(user=coordinator).unread().exists()

"""A child whose referral was declined, is overdue or got no answer stays on *Children without
a pathway*, whatever the case's stage (a child at risk too), until someone acts: another
referral for the same need accepted or waiting within its deadline, or a decision the case
team records (DESIGN.md rule 9). Fixed timelines (time-machine); all data are fictional."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from childpath.audit.models import AuditEvent
from childpath.cases import services as case_services
from childpath.cases.models import Case, CaseEvent
from childpath.referrals import selectors, services

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MONDAY_9 = datetime(2026, 3, 2, 9, 0, tzinfo=STOCKHOLM)
HOUR = timedelta(hours=1)


@pytest.fixture
def at_risk(case, caseworker, coordinator):
    """The root case screened "at risk" (stage screened), with Carol as coordinator."""
    Case.objects.filter(pk=case.pk).update(stage="screened")
    case.refresh_from_db()
    case_services.set_coordinator(actor=caseworker, case=case, coordinator=coordinator)
    case.refresh_from_db()
    return case


def listed(user, now=None):
    return set(selectors.without_pathway(user, now).values_list("reference", flat=True))


def test_it_keeps_a_child_at_risk_whose_urgent_referral_was_declined(
    at_risk, send, provider, coordinator
):
    with time_machine.travel(MONDAY_9, tick=False):
        referral = send(at_risk, urgency="urgent")
    with time_machine.travel(MONDAY_9 + 2 * HOUR, tick=False):
        services.change_status(actor=provider, referral=referral, status="declined", reason="Full.")
    with time_machine.travel(MONDAY_9 + 30 * 24 * HOUR, tick=False):
        assert at_risk.reference in listed(coordinator)


def test_it_leaves_off_a_child_at_risk_whose_referral_waits_within_its_deadline(
    at_risk, send, coordinator
):
    with time_machine.travel(MONDAY_9, tick=False):
        send(at_risk, urgency="emergency")
        assert at_risk.reference not in listed(coordinator)


def test_it_lists_a_child_at_risk_once_an_emergency_referral_misses_its_4_hours(
    at_risk, send, coordinator
):
    with time_machine.travel(MONDAY_9, tick=False):
        send(at_risk, urgency="emergency")
    with time_machine.travel(MONDAY_9 + 3 * HOUR, tick=False):
        assert at_risk.reference not in listed(coordinator)
    with time_machine.travel(MONDAY_9 + 4 * HOUR, tick=False):
        assert at_risk.reference in listed(coordinator)


def test_it_keeps_a_child_at_risk_whose_referral_got_no_answer(at_risk, send, coordinator):
    with time_machine.travel(MONDAY_9, tick=False):
        referral = send(at_risk, urgency="emergency")
    with time_machine.travel(MONDAY_9 + 25 * HOUR, tick=False):
        services.change_status(actor=coordinator, referral=referral, status="no_response")
        assert at_risk.reference in listed(coordinator)


def test_it_keeps_the_child_when_the_next_referral_is_withdrawn(
    at_risk, send, provider, caseworker, coordinator
):
    with time_machine.travel(MONDAY_9, tick=False):
        declined = send(at_risk)
        services.change_status(actor=provider, referral=declined, status="declined", reason="Full.")
    with time_machine.travel(MONDAY_9 + HOUR, tick=False):
        again = send(at_risk)
        services.change_status(actor=caseworker, referral=again, status="withdrawn")
        assert at_risk.reference in listed(coordinator)


def test_it_lets_the_child_go_when_another_referral_for_the_need_waits_in_time(
    at_risk, send, provider, coordinator
):
    with time_machine.travel(MONDAY_9, tick=False):
        declined = send(at_risk, urgency="emergency")
        services.change_status(actor=provider, referral=declined, status="declined", reason="Full.")
    with time_machine.travel(MONDAY_9 + HOUR, tick=False):
        send(at_risk, urgency="emergency")
        assert at_risk.reference not in listed(coordinator)
    # ...and brings it back when that one misses its deadline in turn.
    with time_machine.travel(MONDAY_9 + 6 * HOUR, tick=False):
        assert at_risk.reference in listed(coordinator)


def test_it_lets_the_child_go_once_another_service_accepts(at_risk, send, provider, coordinator):
    with time_machine.travel(MONDAY_9, tick=False):
        declined = send(at_risk)
        services.change_status(actor=provider, referral=declined, status="declined", reason="Full.")
    with time_machine.travel(MONDAY_9 + HOUR, tick=False):
        again = send(at_risk)
        services.change_status(actor=provider, referral=again, status="accepted")
        assert at_risk.reference not in listed(coordinator)


def test_it_drops_a_closed_case(at_risk, send, provider, coordinator):
    referral = send(at_risk)
    services.change_status(actor=provider, referral=referral, status="declined", reason="Full.")
    Case.objects.filter(pk=at_risk.pk).update(stage="closed")
    assert at_risk.reference not in listed(coordinator)


# The case team's decision


@pytest.fixture
def declined(at_risk, send, provider):
    referral = send(at_risk)
    services.change_status(actor=provider, referral=referral, status="declined", reason="Full.")
    referral.refresh_from_db()
    return referral


def test_it_lets_the_child_go_once_the_team_records_its_decision(declined, caseworker, coordinator):
    services.settle_referral(
        actor=caseworker, referral=declined, reason="Placed with her aunt. (Fictional.)"
    )
    assert declined.case.reference not in listed(coordinator)


def test_it_records_the_decision_on_the_timeline_and_in_the_audit(declined, caseworker):
    services.settle_referral(actor=caseworker, referral=declined, reason="Need met. (Fictional.)")
    event = CaseEvent.objects.filter(kind="referral.settled").get()
    assert event.actor == caseworker
    assert "Need met" not in str(event.data)  # free text stays encrypted on the referral
    assert AuditEvent.objects.filter(action="referral.settle").get().fields == ["settled_reason"]
    declined.refresh_from_db()
    assert declined.settled_reason == "Need met. (Fictional.)"


def test_it_asks_for_the_reason_of_a_decision(declined, caseworker):
    with pytest.raises(ValidationError) as error:
        services.settle_referral(actor=caseworker, referral=declined, reason="  ")
    assert "reason" in error.value.message_dict
    declined.refresh_from_db()
    assert declined.settled_at is None


def test_it_refuses_a_decision_on_a_referral_still_waiting(referral, caseworker):
    with pytest.raises(ValidationError):
        services.settle_referral(actor=caseworker, referral=referral, reason="Not needed.")


def test_it_records_one_decision_only(declined, caseworker, coordinator):
    services.settle_referral(actor=caseworker, referral=declined, reason="First.")
    with pytest.raises(ValidationError):
        services.settle_referral(actor=coordinator, referral=declined, reason="Second.")


def test_it_leaves_the_decision_to_the_case_team(declined, provider):
    with pytest.raises(PermissionDenied):
        services.settle_referral(actor=provider, referral=declined, reason="Not ours.")


def test_it_records_the_decision_from_the_referral_page(declined, caseworker, coordinator, login):
    client = login(caseworker)
    page = client.get(f"/pathways/referrals/{declined.pk}/").content.decode()
    assert 'id="decision-form"' in page
    response = client.post(
        f"/pathways/referrals/{declined.pk}/decision/", {"reason": "Need met. (Fictional.)"}
    )
    assert response.status_code == 302
    page = client.get(f"/pathways/referrals/{declined.pk}/").content.decode()
    assert "Decision of the case team" in page
    assert "Choose another service" not in page
    assert declined.case.reference not in listed(coordinator)


def test_it_shows_the_form_again_with_the_error_and_changes_nothing(declined, caseworker, login):
    response = login(caseworker).post(f"/pathways/referrals/{declined.pk}/decision/", {})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    declined.refresh_from_db()
    assert declined.settled_at is None


def test_it_offers_the_decision_only_to_the_case_team(declined, provider, login):
    client = login(provider)
    assert (
        client.post(f"/pathways/referrals/{declined.pk}/decision/", {"reason": "x"}).status_code
        == 403
    )


def test_it_links_the_decision_from_the_pathway_list(declined, coordinator, login):
    html = login(coordinator).get("/pathways/").content.decode()
    assert f"/pathways/referrals/{declined.pk}/#decision-form" in html

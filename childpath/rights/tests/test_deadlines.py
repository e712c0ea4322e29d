"""Deadlines run from the moment a right opens, in the profile's units (time-machine)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from childpath.rights import services
from childpath.rights.selectors import case_rights
from childpath.rights.validation import AppointmentData, DeliveryData

STOCKHOLM = ZoneInfo("Europe/Stockholm")
FRIDAY = datetime(2026, 1, 16, 10, 0, tzinfo=STOCKHOLM)


@pytest.fixture
def registered_on_friday(make_case, presume):
    """An unaccompanied child registered and screened presumed on a Friday morning."""
    with time_machine.travel(FRIDAY, tick=False):
        case = make_case(languages=["uk"], unaccompanied="yes")
        return presume(case)


def _status(case, code, at):
    with time_machine.travel(at, tick=False):
        return case_rights(case).right(code)


def test_the_information_right_is_due_one_day_after_the_presumption(registered_on_friday):
    status = _status(registered_on_friday, "information", FRIDAY)
    assert status.deadline == FRIDAY + timedelta(days=1)
    assert not status.overdue


def test_the_information_right_is_overdue_a_day_later_without_a_delivery(registered_on_friday):
    assert _status(
        registered_on_friday, "information", FRIDAY + timedelta(days=1, minutes=1)
    ).overdue


def test_a_delivery_meets_the_information_right(registered_on_friday, caseworker):
    with time_machine.travel(FRIDAY + timedelta(hours=3), tick=False):
        services.record_delivery(
            actor=caseworker,
            case=registered_on_friday,
            data=DeliveryData(
                rights=["interpreter"],
                language="uk",
                formats=["interpreter"],
                delivered_at=FRIDAY + timedelta(hours=2),
                understood="yes",
            ),
        )
    status = _status(registered_on_friday, "information", FRIDAY + timedelta(days=5))
    assert not status.overdue
    assert status.met_at == FRIDAY + timedelta(hours=2)


def test_the_guardian_is_due_three_working_days_after_registration(registered_on_friday):
    status = _status(registered_on_friday, "guardian", FRIDAY)
    wednesday = datetime(2026, 1, 21, 10, 0, tzinfo=STOCKHOLM)
    assert status.deadline == wednesday
    assert not _status(registered_on_friday, "guardian", wednesday).overdue
    assert _status(registered_on_friday, "guardian", wednesday + timedelta(minutes=1)).overdue


def test_a_guardian_request_alone_does_not_stop_the_clock(registered_on_friday, caseworker):
    with time_machine.travel(FRIDAY + timedelta(hours=1), tick=False):
        services.request_guardian(actor=caseworker, case=registered_on_friday)
    assert _status(registered_on_friday, "guardian", FRIDAY + timedelta(days=6)).overdue


def test_an_appointment_ends_the_guardian_overdue(registered_on_friday, caseworker):
    late = FRIDAY + timedelta(days=10)
    with time_machine.travel(late, tick=False):
        services.appoint_guardian(
            actor=caseworker,
            case=registered_on_friday,
            data=AppointmentData(
                guardian_name="Greta Exempel", appointed_at=late, contact_phone="+46 8 000 000"
            ),
        )
    status = _status(registered_on_friday, "guardian", late + timedelta(days=1))
    assert not status.overdue and status.met_at == late


def test_the_rights_page_and_case_page_show_the_overdue_guardian(
    registered_on_friday, caseworker, login
):
    client = login(caseworker)
    with time_machine.travel(FRIDAY + timedelta(days=7), tick=False):
        page = client.get(f"/cases/{registered_on_friday.reference}/rights/").content.decode()
        case_page = client.get(f"/cases/{registered_on_friday.reference}/").content.decode()
    guardian = page.split('id="guardian-h"')[1].split("</section>")[0]
    assert "Overdue" in guardian
    summary = case_page.split('id="rights-h"')[1].split("</section>")[0]
    assert "Overdue:" in summary and "A guardian" in summary


def test_a_right_without_a_deadline_is_never_overdue(registered_on_friday):
    status = _status(registered_on_friday, "non_punishment", FRIDAY + timedelta(days=400))
    assert status.in_force and status.deadline is None and not status.overdue


def test_a_pending_right_has_no_deadline_yet(registered_on_friday):
    status = _status(registered_on_friday, "residence_permit", FRIDAY + timedelta(days=400))
    assert status.status == "pending" and status.deadline is None

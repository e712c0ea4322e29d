"""Recording that a right in force was provided (or offered and declined): the service, the
selector that reads it back, and the deadlines it stops. All data are fictional."""

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from childpath.audit.models import AuditEvent
from childpath.cases.models import CaseEvent
from childpath.cases.timeline import entries
from childpath.rights import services
from childpath.rights.models import RightProvision
from childpath.rights.selectors import case_rights
from childpath.rights.validation import ProvisionData

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MONDAY = datetime(2026, 1, 12, 9, 0, tzinfo=STOCKHOLM)


def _provision(**overrides: Any) -> ProvisionData:
    values: dict[str, Any] = {
        "right": "safe_accommodation",
        "provided_on": timezone.localdate(),
        "note": "  Fictional: a room at the test shelter.  ",
    }
    values.update(overrides)
    return ProvisionData(**values)


def _nothing_saved(before: int) -> bool:
    return not RightProvision.objects.exists() and AuditEvent.objects.count() == before


# --------------------------------------------------------------------------- recording


def test_a_provision_is_saved_audited_and_on_the_timeline(presumed_case, caseworker):
    provision = services.record_provision(actor=caseworker, case=presumed_case, data=_provision())
    assert provision.note == "Fictional: a room at the test shelter."
    assert provision.recorded_by == caseworker
    assert provision.organisation == caseworker.organisation
    audit = AuditEvent.objects.get(action="rights.provision.create")
    assert audit.case_reference == presumed_case.reference
    assert {"right", "provided_on", "declined", "note"} <= set(audit.fields)
    event = CaseEvent.objects.get(case=presumed_case, kind="rights.provided")
    assert "Fictional" not in str(event.data)  # the note stays in the encrypted record
    [entry] = entries([event])
    assert entry.text.startswith("Recorded as provided: A safe place to stay (")


def test_a_decline_reads_as_such_on_the_timeline(presumed_case, caseworker):
    services.record_provision(
        actor=caseworker, case=presumed_case, data=_provision(declined=True, note="")
    )
    [entry] = entries(list(CaseEvent.objects.filter(kind="rights.provided")))
    assert entry.text.startswith("Offered to the child, who declined for now: A safe place")


def test_the_note_is_encrypted_at_rest(presumed_case, caseworker):
    from django.db import connection

    services.record_provision(actor=caseworker, case=presumed_case, data=_provision())
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM rights_rightprovision")
        [(stored,)] = cursor.fetchall()
    assert "Fictional" not in stored


def test_a_provided_right_is_met_and_shows_its_day(presumed_case, caseworker):
    day = timezone.localdate()
    services.record_provision(actor=caseworker, case=presumed_case, data=_provision())
    right = case_rights(presumed_case).right("safe_accommodation")
    assert right is not None and right.met and right.provided_on == day


def test_a_later_provision_supersedes_a_decline(presumed_case, caseworker):
    services.record_provision(
        actor=caseworker, case=presumed_case, data=_provision(right="health_care", declined=True)
    )
    declined = case_rights(presumed_case).right("health_care")
    assert declined is not None and declined.declined and not declined.met
    services.record_provision(
        actor=caseworker, case=presumed_case, data=_provision(right="health_care")
    )
    accepted = case_rights(presumed_case).right("health_care")
    assert accepted is not None and accepted.met and not accepted.declined
    assert accepted.provision is not None and accepted.provision.records == 2


def test_a_coordinator_may_record_a_provision(presumed_case, caseworker, coordinator):
    from childpath.cases import services as case_services

    case_services.set_coordinator(actor=caseworker, case=presumed_case, coordinator=coordinator)
    provision = services.record_provision(actor=coordinator, case=presumed_case, data=_provision())
    assert provision.recorded_by == coordinator


# --------------------------------------------------------------------------- refused


def test_a_view_only_member_may_not_record_a_provision(presumed_case, viewer):
    with pytest.raises(PermissionDenied):
        services.record_provision(actor=viewer, case=presumed_case, data=_provision())
    assert not RightProvision.objects.exists()


def test_someone_off_the_team_may_not_record_a_provision(presumed_case, outsider):
    with pytest.raises(PermissionDenied):
        services.record_provision(actor=outsider, case=presumed_case, data=_provision())


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"right": "residence_permit"}, "right", "is not in force yet"),
        ({"right": "family_tracing"}, "right", "does not apply to this child"),
        ({"right": "information"}, "right", "recording that the child was informed"),
        ({"right": "guardian"}, "right", "recording the appointment"),
        ({"right": "flying"}, "right", "Not a right under this jurisdiction"),
        ({"provided_on": timezone.localdate() + timedelta(days=1)}, "provided_on", "future"),
        ({"provided_on": timezone.localdate() - timedelta(days=1)}, "provided_on", "registered"),
        ({"note": "x" * 1001}, "note", "At most 1000 characters"),
    ],
)
def test_bad_provisions_are_refused_with_the_field_and_nothing_saved(
    presumed_case, caseworker, change, field, message
):
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        services.record_provision(actor=caseworker, case=presumed_case, data=_provision(**change))
    assert message in " ".join(error.value.message_dict[field])
    assert _nothing_saved(before)
    assert not CaseEvent.objects.filter(kind="rights.provided").exists()


def test_a_right_before_the_presumption_is_refused(case, caseworker):
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError, match="not in force yet"):
        services.record_provision(actor=caseworker, case=case, data=_provision())
    assert _nothing_saved(before)


# --------------------------------------------------------------------------- deadlines


@pytest.fixture
def presumed_on_monday(make_case, presume):
    with time_machine.travel(MONDAY, tick=False):
        return presume(make_case(languages=["uk"], unaccompanied="no"))


def _at(case, code, moment):
    with time_machine.travel(moment, tick=False):
        return case_rights(case).right(code)


def test_a_right_without_a_provision_is_overdue_after_its_deadline(presumed_on_monday):
    assert _at(presumed_on_monday, "safe_accommodation", MONDAY + timedelta(days=2)).overdue


def test_a_provision_ends_the_overdue_even_when_late(presumed_on_monday, caseworker):
    late = MONDAY + timedelta(days=3)
    with time_machine.travel(late, tick=False):
        services.record_provision(
            actor=caseworker,
            case=presumed_on_monday,
            data=_provision(provided_on=late.date()),
        )
    status = _at(presumed_on_monday, "safe_accommodation", late + timedelta(days=10))
    assert status.met and not status.overdue and status.provided_on == late.date()


def test_a_declined_offer_is_not_overdue_and_stays_in_force(presumed_on_monday, caseworker):
    with time_machine.travel(MONDAY + timedelta(hours=4), tick=False):
        services.record_provision(
            actor=caseworker,
            case=presumed_on_monday,
            data=_provision(right="psychological_support", declined=True),
        )
    status = _at(presumed_on_monday, "psychological_support", MONDAY + timedelta(days=30))
    assert status.in_force and status.declined and not status.overdue
    assert status.declined_on == MONDAY.date()


def test_a_provision_on_the_day_of_registration_is_accepted(presumed_on_monday, caseworker):
    with time_machine.travel(MONDAY + timedelta(days=1), tick=False):
        services.record_provision(
            actor=caseworker, case=presumed_on_monday, data=_provision(provided_on=MONDAY.date())
        )
    assert RightProvision.objects.get().provided_on == MONDAY.date()

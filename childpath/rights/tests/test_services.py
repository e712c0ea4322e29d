"""The services: one transaction each, audited, on the timeline, nothing saved in part."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from childpath.audit.models import AuditEvent
from childpath.cases.models import CaseEvent
from childpath.cases.timeline import entries
from childpath.rights import services
from childpath.rights.models import Guardian, InformationDelivery
from childpath.rights.validation import AppointmentData, DeliveryData


def _delivery(**overrides) -> DeliveryData:
    values: dict[str, Any] = {
        "rights": ["interpreter", "safe_accommodation"],
        "language": "uk",
        "formats": ["oral", "interpreter", "oral"],
        "delivered_at": timezone.now() - timedelta(hours=1),
        "understood": "yes",
        "child_views": "  Fictional: wants to call his aunt.  ",
    }
    values.update(overrides)
    return DeliveryData(**values)


def _appointment(**overrides) -> AppointmentData:
    values: dict[str, Any] = {
        "guardian_name": "Greta Exempel",
        "appointed_at": timezone.now(),
        "guardian_organisation": "Test Guardian Service",
        "contact_email": "guardians@example.org",
    }
    values.update(overrides)
    return AppointmentData(**values)


def test_a_delivery_is_saved_audited_and_on_the_timeline(presumed_case, caseworker):
    delivery = services.record_delivery(actor=caseworker, case=presumed_case, data=_delivery())
    assert delivery.rights == ["interpreter", "safe_accommodation"]
    assert delivery.formats == ["oral", "interpreter"]
    assert delivery.child_views == "Fictional: wants to call his aunt."
    assert delivery.organisation == caseworker.organisation
    audit = AuditEvent.objects.get(action="rights.delivery.create")
    assert audit.case_reference == presumed_case.reference
    assert "child_views" in audit.fields
    event = CaseEvent.objects.get(case=presumed_case, kind="rights.informed")
    assert "Fictional" not in str(event.data)  # no free text about the child on the timeline
    [entry] = [e for e in entries([event])]
    assert entry.text == (
        "The child was informed of 2 rights, in Ukrainian "
        "(Oral (talking together), With an interpreter). Understood: Yes."
    )


def test_the_childs_views_are_encrypted_at_rest(presumed_case, caseworker):
    from django.db import connection

    services.record_delivery(actor=caseworker, case=presumed_case, data=_delivery())
    with connection.cursor() as cursor:
        cursor.execute("SELECT child_views FROM rights_informationdelivery")
        [(stored,)] = cursor.fetchall()
    assert "aunt" not in stored


def test_every_right_in_force_is_resolved_when_recorded(presumed_case, caseworker):
    delivery = services.record_delivery(
        actor=caseworker, case=presumed_case, data=_delivery(rights=[], all_in_force=True)
    )
    assert "safe_accommodation" in delivery.rights
    assert "residence_permit" not in delivery.rights  # pending: needs formal identification
    event = CaseEvent.objects.get(kind="rights.informed")
    assert entries([event])[0].text.startswith("The child was informed of every right in force")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"rights": ["flying"]}, "rights"),
        ({"rights": []}, "rights"),
        ({"language": "klingon"}, "language"),
        ({"formats": []}, "formats"),
        ({"formats": ["smoke signals"]}, "formats"),
        ({"understood": "maybe"}, "understood"),
        ({"child_views": "x" * 4001}, "child_views"),
        ({"delivered_at": timezone.now() + timedelta(days=1)}, "delivered_at"),
    ],
)
def test_bad_deliveries_are_refused_with_the_field_and_nothing_saved(
    presumed_case, caseworker, change, field
):
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        services.record_delivery(actor=caseworker, case=presumed_case, data=_delivery(**change))
    assert field in error.value.message_dict
    assert not InformationDelivery.objects.exists()
    assert AuditEvent.objects.count() == before


def test_a_right_the_profile_does_not_have_is_refused(presumed_case, caseworker, monkeypatch):
    from dataclasses import replace

    from childpath.jurisdiction.active import current_profile
    from childpath.rights import selectors

    profile = current_profile()
    without = replace(profile, rights=tuple(r for r in profile.rights if r.code != "compensation"))
    monkeypatch.setattr(selectors, "current_profile", lambda: without)
    with pytest.raises(ValidationError, match="profile") as error:
        services.record_delivery(
            actor=caseworker, case=presumed_case, data=_delivery(rights=["compensation"])
        )
    assert "rights" in error.value.message_dict
    assert not InformationDelivery.objects.exists()


def test_someone_off_the_team_cannot_record_a_delivery(presumed_case, outsider):
    with pytest.raises(PermissionDenied):
        services.record_delivery(actor=outsider, case=presumed_case, data=_delivery())


def test_a_view_only_member_may_record_a_delivery(presumed_case, viewer):
    delivery = services.record_delivery(actor=viewer, case=presumed_case, data=_delivery())
    assert delivery.delivered_by == viewer


def test_a_guardian_request_is_audited_and_on_the_timeline(unaccompanied_case, caseworker):
    guardian = services.request_guardian(actor=caseworker, case=unaccompanied_case)
    assert guardian.requested_by_organisation == caseworker.organisation
    assert AuditEvent.objects.filter(action="guardian.request").exists()
    event = CaseEvent.objects.get(kind="guardian.requested")
    assert entries([event])[0].text == "A guardian was requested."


def test_an_appointment_is_audited_and_on_the_timeline(unaccompanied_case, caseworker):
    services.appoint_guardian(actor=caseworker, case=unaccompanied_case, data=_appointment())
    services.appoint_guardian(
        actor=caseworker, case=unaccompanied_case, data=_appointment(guardian_name="Gustav Exempel")
    )
    assert Guardian.objects.get().guardian_name == "Gustav Exempel"
    texts = [e.text for e in entries(list(CaseEvent.objects.filter(kind="guardian.appointed")))]
    assert texts == ["A new guardian was appointed.", "A guardian was appointed."]
    assert AuditEvent.objects.filter(action="guardian.appoint").count() == 2


def test_a_request_after_an_appointment_is_refused(unaccompanied_case, caseworker):
    services.appoint_guardian(actor=caseworker, case=unaccompanied_case, data=_appointment())
    with pytest.raises(ValidationError, match="already appointed"):
        services.request_guardian(actor=caseworker, case=unaccompanied_case)


def test_no_guardian_for_a_person_not_treated_as_a_child(make_case, caseworker):
    adult = make_case(date_of_birth=timezone.localdate().replace(year=2000))
    with pytest.raises(ValidationError, match="not treated as a child"):
        services.request_guardian(actor=caseworker, case=adult)
    with pytest.raises(ValidationError):
        services.appoint_guardian(actor=caseworker, case=adult, data=_appointment())
    assert not Guardian.objects.exists()


def test_a_child_of_unknown_age_may_get_a_guardian(make_case, caseworker):
    case = make_case(date_of_birth=None, unaccompanied="unknown")
    assert services.request_guardian(actor=caseworker, case=case).requested_at


def test_guardian_steps_need_edit_access(presumed_case, viewer):
    with pytest.raises(PermissionDenied):
        services.request_guardian(actor=viewer, case=presumed_case)
    with pytest.raises(PermissionDenied):
        services.appoint_guardian(actor=viewer, case=presumed_case, data=_appointment())


def test_a_bad_appointment_saves_nothing(unaccompanied_case, caseworker):
    with pytest.raises(ValidationError) as error:
        services.appoint_guardian(
            actor=caseworker,
            case=unaccompanied_case,
            data=_appointment(guardian_name=" ", contact_email="", contact_phone=""),
        )
    assert {"guardian_name", "contact_phone"} <= set(error.value.message_dict)
    assert not Guardian.objects.exists()
    assert not AuditEvent.objects.filter(action="guardian.appoint").exists()


def test_it_refuses_a_delivery_before_the_childs_birth(presumed_case, caseworker):
    # The conftest child is born on 2010-04-01.
    born_before = timezone.make_aware(timezone.datetime(2009, 6, 1, 12, 0))
    with pytest.raises(ValidationError) as error:
        services.record_delivery(
            actor=caseworker, case=presumed_case, data=_delivery(delivered_at=born_before)
        )
    assert "delivered_at" in error.value.message_dict
    assert not InformationDelivery.objects.exists()

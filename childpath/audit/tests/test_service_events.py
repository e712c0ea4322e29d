"""Each case service writes exactly one audit event: its action and the field names touched,
never the values (DESIGN.md rule 8 and section 6.4)."""

import json
from dataclasses import fields as dataclass_fields
from dataclasses import replace
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from childpath.audit.models import AuditEvent
from childpath.cases import services
from childpath.cases.models import Access, CaseMember
from childpath.cases.validation import ChildData
from conftest import child_data, encounter_data, verified_client

CLEAR_VALUES = ["Mirela", "Exemplova", "Little Mouse", "2011-07-23", "Quayside depot"]


def _since(pk: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(pk__gt=pk))


def _last_pk() -> int:
    event = AuditEvent.objects.order_by("-pk").first()
    return event.pk if event else 0


def test_it_audits_registering_a_child(frontline, orgs):
    case = services.register_child(
        actor=frontline, child=child_data(), encounter=encounter_data(), lead_organisation=None
    )
    [event] = _since(0)
    expected = sorted([f.name for f in dataclass_fields(ChildData)] + ["encounter"])
    assert (event.action, event.case_reference, event.fields) == (
        "case.create",
        case.reference,
        expected,
    )


def test_it_audits_only_the_changed_fields(case, frontline):
    start = _last_pk()
    child = services.child_data(case, case.identity)
    services.update_child(
        actor=frontline,
        case=case,
        child=replace(child, given_names="Mirela", date_of_birth=date(2011, 7, 23)),
    )
    [event] = _since(start)
    assert (event.action, event.fields) == ("case.update", ["date_of_birth", "given_names"])


def test_it_audits_nothing_when_nothing_changed(case, frontline):
    start = _last_pk()
    services.update_child(
        actor=frontline, case=case, child=services.child_data(case, case.identity)
    )
    assert _since(start) == []


def test_it_audits_a_new_encounter(case, frontline):
    start = _last_pk()
    services.record_encounter(actor=frontline, case=case, encounter=encounter_data())
    [event] = _since(start)
    assert (event.action, event.case_reference, event.fields) == (
        "encounter.create",
        case.reference,
        ["came_to_notice", "observations", "occurred_on", "place"],
    )


def test_it_audits_assigning_the_coordinator(case, caseworker, coordinator):
    start = _last_pk()
    services.set_coordinator(actor=caseworker, case=case, coordinator=coordinator)
    [event] = _since(start)
    assert (event.action, event.fields) == ("case.coordinator", ["coordinator"])


def test_it_audits_adding_a_team_member(case, caseworker, provider, orgs):
    start = _last_pk()
    services.add_team_member(
        actor=caseworker, case=case, organisation=orgs["shelter"], user=provider, access="view"
    )
    [event] = _since(start)
    assert (event.action, event.fields) == ("case.team.add", ["team"])


def test_it_audits_removing_a_team_member(case, caseworker, frontline):
    member = CaseMember.objects.get(case=case, user=frontline)
    start = _last_pk()
    services.remove_team_member(actor=caseworker, case=case, member=member)
    [event] = _since(start)
    assert (event.action, event.fields) == ("case.team.remove", ["team"])


def test_it_audits_reading_the_identity(case, caseworker):
    start = _last_pk()
    services.record_read(actor=caseworker, case=case)
    [event] = _since(start)
    assert (event.action, event.case_reference, event.actor_username) == (
        "case.read",
        case.reference,
        "bob",
    )
    assert event.fields == sorted(services.IDENTITY_FIELDS)


def test_it_audits_a_search_on_the_case_list(caseworker):
    client = Client()
    verified_client(caseworker, client)
    client.post("/cases/", {"name": "Mirela Exemplova", "date_of_birth": "2011-07-23"})
    [event] = _since(0)
    assert (event.action, event.case_reference, event.fields) == (
        "case.search",
        "",
        ["date_of_birth", "name"],
    )


def test_it_audits_a_search_through_the_api(caseworker):
    client = Client()
    verified_client(caseworker, client)
    client.post(
        "/api/v1/cases/search", {"name": "Mirela Exemplova"}, content_type="application/json"
    )
    [event] = _since(0)
    assert (event.action, event.fields) == ("case.search", ["name"])


def test_it_audits_nothing_for_a_refused_change(case, provider):
    start = _last_pk()
    with pytest.raises(PermissionDenied):
        services.record_encounter(actor=provider, case=case, encounter=encounter_data())
    assert _since(start) == []


def test_it_audits_nothing_for_invalid_data(frontline):
    with pytest.raises(ValidationError):
        services.register_child(
            actor=frontline,
            child=child_data(date_of_birth=date(2999, 1, 1)),
            encounter=encounter_data(),
        )
    assert _since(0) == []


def test_it_joins_the_event_to_the_request_id(case, caseworker):
    client = Client()
    verified_client(caseworker, client)
    start = _last_pk()
    response = client.get(f"/cases/{case.reference}/")
    [event] = _since(start)
    assert event.request_id == response["X-Request-ID"]


def test_it_never_writes_a_value_into_the_audit_trail(frontline, caseworker, coordinator, orgs):
    child = child_data(
        given_names="Mirela",
        family_name="Exemplova",
        aliases=["Little Mouse"],
        date_of_birth=date(2011, 7, 23),
    )
    encounter = encounter_data(place="Quayside depot", observations="Seen at Quayside depot.")
    case = services.register_child(
        actor=frontline, child=child, encounter=encounter, lead_organisation=orgs["social"]
    )
    services.update_child(
        actor=caseworker, case=case, child=replace(child, family_name="Exemplova Mirela")
    )
    services.record_encounter(actor=caseworker, case=case, encounter=encounter)
    services.set_coordinator(actor=caseworker, case=case, coordinator=coordinator)
    services.record_read(actor=caseworker, case=case)
    client = Client()
    verified_client(caseworker, client)
    client.post("/cases/", {"name": "Mirela Exemplova", "date_of_birth": "2011-07-23"})
    trail = json.dumps(list(AuditEvent.objects.values()), default=str)
    # Six changes and reads, the search, and the read of the one result whose names it shows.
    assert AuditEvent.objects.count() == 7
    for value in CLEAR_VALUES:
        assert value not in trail


def test_it_audits_nothing_when_a_viewer_tries_to_change_the_team(case, provider, orgs, caseworker):
    services.add_team_member(
        actor=caseworker, case=case, organisation=orgs["shelter"], user=provider, access=Access.VIEW
    )
    start = _last_pk()
    with pytest.raises(PermissionDenied):
        services.add_team_member(
            actor=provider, case=case, organisation=orgs["shelter"], user=None, access=Access.EDIT
        )
    assert _since(start) == []

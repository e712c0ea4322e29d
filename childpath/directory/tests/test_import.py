"""Importing HSDS v3: every example file, re-imports, and bad data (nothing half-imported)."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from childpath.audit.models import AuditEvent
from childpath.directory.hsds.files import read_paths
from childpath.directory.models import (
    Attribute,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
)
from childpath.directory.services import import_batch
from childpath.directory.tests.builders import import_docs, organization_doc, service_doc
from childpath.directory.tests.schemas import EXAMPLES, requires_hsds

pytestmark = pytest.mark.django_db
EXAMPLE_FILES = sorted(p.name for p in EXAMPLES.iterdir()) if EXAMPLES.exists() else []
SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"


def _import(*paths: Path):
    return import_batch(actor=None, batch=read_paths(list(paths)), source="test")


@requires_hsds
@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_it_imports_every_example_file(name):
    report = _import(EXAMPLES / name)
    assert report.ok, report.rejected


@requires_hsds
def test_it_imports_the_csv_package_completely():
    report = _import(EXAMPLES / "csv")
    assert set(report.created) >= {"organization", "service", "location", "service_at_location"}
    assert all(count == 1 for count in report.created.values())
    service = Service.objects.get(pk=SERVICE_ID)
    assert service.minimum_age == 12 and service.maximum_age == 100
    assert service.organization.name == "Example Organization Inc."
    assert Schedule.objects.get().byday == "TH,FR"


@requires_hsds
def test_it_imports_a_full_service_with_what_it_nests():
    _import(EXAMPLES / "service_full.json")
    sal = ServiceAtLocation.objects.select_related("service", "location").get()
    assert str(sal.service_id) == SERVICE_ID
    phone = Phone.objects.get()
    # One phone listed under the service, its location and its contact: one row, all links.
    assert str(phone.service_id) == SERVICE_ID and phone.service_at_location_id is not None
    assert str(Attribute.objects.get().link_id) == SERVICE_ID


@requires_hsds
def test_it_drops_coordinates_that_are_not_on_earth_with_a_warning():
    report = _import(EXAMPLES / "location.json")
    assert Location.objects.get().latitude is None
    assert [w.code for w in report.warnings] == ["dropped_coordinate"]


@requires_hsds
def test_it_updates_on_reimport_instead_of_duplicating():
    _import(EXAMPLES / "csv")
    report = _import(EXAMPLES / "csv")
    assert Service.objects.count() == 1
    assert sum(report.created.values()) == 0
    assert sum(report.updated.values()) == 0  # the same data: nothing changed


def test_a_reimport_with_changes_updates_only_what_changed():
    doc = service_doc("First name")
    import_docs(organization_doc(doc))
    events = AuditEvent.objects.count()
    report = import_docs(organization_doc(doc | {"name": "Second name"}))
    assert report.updated == dict.fromkeys(report.updated, 0) | {"service": 1}
    assert Service.objects.get(pk=doc["id"]).name == "Second name"
    assert AuditEvent.objects.count() == events + 1


def test_the_same_data_again_records_no_audit_event():
    doc = organization_doc(service_doc("Steady"))
    import_docs(doc)
    events = AuditEvent.objects.count()
    import_docs(doc)
    assert AuditEvent.objects.count() == events


def test_it_keeps_fields_a_reimport_leaves_out():
    doc = service_doc("Quiet shelter", ages=(12, 17))
    import_docs(organization_doc(doc))
    import_docs({"id": doc["id"], "name": "Renamed shelter", "status": "active"}, kind="service")
    service = Service.objects.get(pk=doc["id"])
    assert service.name == "Renamed shelter"
    assert service.minimum_age == 12


def test_it_rejects_bad_records_with_every_reason_and_stores_nothing(tmp_path):
    good = service_doc("A good service")
    bad = [
        {"id": "not-a-uuid", "name": "Bad id", "status": "active"},
        service_doc("No status") | {"status": "open"},
        service_doc("Bad age") | {"minimum_age": "twelve"},
        service_doc("Inverted ages") | {"minimum_age": 18, "maximum_age": 12},
        service_doc("Bad hours")
        | {"schedules": [{"id": "9a3f0c52-1111-4000-8000-000000000009", "opens_at": "9am"}]},
    ]
    path = tmp_path / "organization.json"
    path.write_text(json.dumps(organization_doc(good, *bad)))
    report = _import(path)
    assert not report.ok
    reasons = {(p.field, p.code) for p in report.rejected}
    assert reasons == {
        ("id", "not_uuid"),
        ("status", "not_choice"),
        ("minimum_age", "not_int"),
        ("minimum_age", "age_range"),
        ("opens_at", "not_time"),
        # The service at a location of a rejected service cannot be stored either.
        ("service_id", "unknown_ref"),
    }
    assert not Service.objects.exists()
    assert not Organization.objects.exists()


def test_it_rejects_a_service_whose_organization_is_unknown():
    doc = service_doc("Orphan") | {"organization_id": "5e0c7a4e-2222-4000-8000-000000000002"}
    from childpath.directory.hsds.parse import Reader

    reader = Reader()
    reader.document(doc, "orphan.json", "service")
    report = import_batch(actor=None, batch=reader.batch, source="test")
    assert [(p.field, p.code) for p in report.rejected] == [("organization_id", "unknown_ref")]
    assert not Service.objects.exists()


def test_it_rejects_the_same_record_with_two_different_values():
    doc = service_doc("Twice")
    other = dict(doc, name="Twice, differently")
    reader_docs = organization_doc(doc, other)
    from childpath.directory.hsds.parse import Reader

    reader = Reader()
    reader.document(reader_docs, "twice.json", "organization")
    assert [(p.field, p.code) for p in reader.batch.rejected] == [("name", "conflict")]


def test_it_records_an_audit_event():
    import_docs(organization_doc(service_doc("Audited")))
    event = AuditEvent.objects.filter(action="directory.import").last()
    assert event is not None and "service" in event.fields and event.case_reference == ""


def test_it_derives_eligibility_from_attributes_schedules_and_costs():
    import_docs(
        organization_doc(
            service_doc(
                "Night shelter",
                flags=("emergency", "girls_only"),
                hours=("MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59"),
                cost=0,
            ),
            service_doc("Therapy", flags=("trafficking_specialist",), cost=300),
        )
    )
    night = Service.objects.get(name="Night shelter")
    assert (night.emergency, night.always_open, night.gender, night.free_of_charge) == (
        True,
        True,
        "female",
        True,
    )
    therapy = Service.objects.get(name="Therapy")
    assert (
        therapy.trafficking_specialist
        and therapy.free_of_charge is False
        and not therapy.always_open
    )


@requires_hsds
def test_the_command_imports_and_reports(tmp_path):
    out = StringIO()
    call_command("import_hsds", str(EXAMPLES / "csv"), stdout=out, stderr=StringIO())
    assert "service: 1 new, 0 updated" in out.getvalue()


def test_the_command_exits_non_zero_on_bad_data(tmp_path):
    path = tmp_path / "services.csv"
    path.write_text("id,name,status,organization_id\nnot-a-uuid,Bad,active,\n")
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_hsds", str(path), stdout=StringIO(), stderr=err)
    assert "services.csv line 2" in err.getvalue()
    assert "id is not a UUID" in err.getvalue()


def test_the_command_reports_invalid_json(tmp_path):
    path = tmp_path / "service.json"
    path.write_text("{not json")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_hsds", str(path), stdout=StringIO(), stderr=err)
    assert "is not valid JSON" in err.getvalue()

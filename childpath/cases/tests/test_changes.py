"""``record_change``: the timeline entry and the audit event of a change, written together."""

import pytest
from django.db import transaction

from childpath.audit.models import AuditEvent
from childpath.cases.changes import record_change
from childpath.cases.models import CaseEvent


def test_it_writes_the_timeline_entry_and_the_audit_event_together(case, caseworker):
    with transaction.atomic():
        entry = record_change(
            actor=caseworker,
            case=case,
            kind="child.updated",
            data={"fields": ["sex"]},
            action="case.update",
            fields=["sex"],
        )
    event = AuditEvent.objects.latest("id")
    assert entry is not None
    assert (event.action, event.case_reference, event.fields) == (
        "case.update",
        case.reference,
        ["sex"],
    )
    assert event.timeline_event_id == entry.pk
    assert (entry.actor, event.actor) == (caseworker, caseworker)


@pytest.mark.django_db(transaction=True)
def test_it_refuses_to_run_outside_a_transaction(case, caseworker):
    with pytest.raises(RuntimeError):
        record_change(actor=caseworker, case=case, kind="child.updated", action="case.update")


def test_it_writes_no_timeline_entry_without_a_kind(case, caseworker):
    before = CaseEvent.objects.count()
    with transaction.atomic():
        assert record_change(actor=caseworker, case=case, kind=None, action="x.update") is None
    assert CaseEvent.objects.count() == before
    assert AuditEvent.objects.latest("id").timeline_event_id is None


def test_it_leaves_no_timeline_entry_when_the_audit_write_fails(case, caseworker, monkeypatch):
    from childpath.cases import changes

    def fail(**kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(changes, "record", fail)
    before = CaseEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        record_change(actor=caseworker, case=case, kind="child.updated", action="case.update")
    assert CaseEvent.objects.count() == before


def test_it_is_how_every_timeline_entry_of_a_service_is_written(case):
    # Every timeline entry the services wrote for this case has the audit event that covers it.
    covered = set(AuditEvent.objects.values_list("timeline_event_id", flat=True))
    assert set(case.events.values_list("pk", flat=True)) <= covered

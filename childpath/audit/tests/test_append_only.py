"""Audit events are append-only through the application, and written inside transactions."""

import pytest
from django.db import transaction

from childpath.audit.chain import GENESIS
from childpath.audit.models import AuditEvent, AuditHead
from childpath.audit.services import record


@pytest.fixture
def event(caseworker):
    with transaction.atomic():
        return record(actor=caseworker, action="case.read", case_reference="CP-TEST-0001")


def test_it_refuses_to_save_an_event_again(event):
    event.purpose = "changed"
    with pytest.raises(PermissionError):
        event.save()


def test_it_refuses_to_delete_an_event(event):
    with pytest.raises(PermissionError):
        event.delete()


def test_it_refuses_a_queryset_update(event):
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(purpose="changed")


def test_it_refuses_a_queryset_delete(event):
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


def test_it_keeps_the_event_unchanged_after_refusals(event):
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(purpose="changed")
    assert AuditEvent.objects.get(pk=event.pk).purpose == ""


@pytest.mark.django_db(transaction=True)
def test_it_refuses_to_record_outside_a_transaction(caseworker):
    with pytest.raises(RuntimeError):
        record(actor=caseworker, action="case.read")
    assert not AuditEvent.objects.exists()


def test_it_chains_the_first_event_to_genesis(event):
    assert event.previous_hash == GENESIS


def test_it_chains_each_event_to_the_one_before(event, caseworker):
    with transaction.atomic():
        second = record(actor=caseworker, action="case.read")
    assert second.previous_hash == event.hash


def test_it_moves_the_head_to_the_last_event(event):
    head = AuditHead.objects.get(shard=event.shard)
    assert (head.last_event_id, head.last_hash) == (event.pk, event.hash)


def test_it_snapshots_the_actor_and_organisation(event):
    assert (event.actor_username, event.organisation) == ("bob", "Test Social Services")


def test_it_records_system_actions_without_an_actor(db):
    with transaction.atomic():
        event = record(actor=None, action="retention.sweep")
    assert (event.actor_username, event.organisation) == ("system", "")


def test_it_records_field_names_once_and_sorted(caseworker):
    with transaction.atomic():
        event = record(actor=caseworker, action="case.update", fields=["sex", "aliases", "sex"])
    assert event.fields == ["aliases", "sex"]

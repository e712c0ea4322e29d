"""``manage.py verify_audit``: intact chains pass; any edit or deletion is named."""

from datetime import timedelta
from uuid import uuid4

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, models, transaction
from django.utils import timezone

from childpath.audit.models import AuditEvent
from childpath.audit.services import record

TABLE = AuditEvent._meta.db_table


@pytest.fixture
def events(caseworker):
    with transaction.atomic():
        return [
            record(
                actor=caseworker,
                action="case.read",
                case_reference=f"CP-TEST-000{n}",
                fields=["given_names"],
                purpose="fictional check",
            )
            for n in range(4)
        ]


def _tampered_values(event: AuditEvent) -> dict[str, object]:
    """A different value for every column the chain covers."""
    return {
        "at": event.at + timedelta(seconds=1),
        "actor_username": "someone.else",
        "organisation": "Another Organisation",
        "action": "case.update",
        "case_reference": "CP-ZZZZ-ZZZZ",
        "fields": ["contacts"],
        "purpose": "another purpose",
        "request_id": str(uuid4()),
        "previous_hash": "f" * 64,
        "hash": "e" * 64,
    }


def _raw_update(event: AuditEvent, name: str, value: object) -> None:
    field = AuditEvent._meta.get_field(name)
    assert isinstance(field, models.Field)
    prepared = field.get_db_prep_save(value, connection)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {TABLE} SET {field.column} = %s WHERE id = %s",
            [prepared, event.pk],
        )
        assert cursor.rowcount == 1


def _raw_delete(event: AuditEvent) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [event.pk])
        assert cursor.rowcount == 1


def _broken_at() -> str:
    with pytest.raises(CommandError) as error:
        call_command("verify_audit")
    return str(error.value)


def test_it_passes_an_intact_chain(events, capsys):
    call_command("verify_audit")
    assert "Audit chain intact: 4 events." in capsys.readouterr().out


def test_it_passes_an_empty_chain(db, capsys):
    call_command("verify_audit")
    assert "Audit chain intact: 0 events." in capsys.readouterr().out


def test_it_passes_events_written_by_the_services(case, caseworker, capsys):
    from childpath.cases.services import record_read

    record_read(actor=caseworker, case=case)
    call_command("verify_audit")
    assert "intact" in capsys.readouterr().out


@pytest.mark.parametrize(
    "name",
    [
        "at",
        "actor_username",
        "organisation",
        "action",
        "case_reference",
        "fields",
        "purpose",
        "request_id",
        "previous_hash",
        "hash",
    ],
)
def test_it_names_a_row_changed_by_raw_sql(events, name):
    tampered = events[1]
    _raw_update(tampered, name, _tampered_values(tampered)[name])
    assert f"broken at event {tampered.pk}:" in _broken_at()


def test_it_names_the_event_after_a_deleted_middle_row(events):
    _raw_delete(events[1])
    assert f"broken at event {events[2].pk}:" in _broken_at()


def test_it_names_a_deleted_last_row(events):
    _raw_delete(events[-1])
    message = _broken_at()
    assert f"broken at event {events[-1].pk}:" in message
    assert f"events after {events[-2].pk} are missing" in message


def test_it_names_a_deleted_first_row(events):
    _raw_delete(events[0])
    assert f"broken at event {events[1].pk}:" in _broken_at()


def test_it_leaves_the_connection_usable_after_a_break(events):
    # Regression: on PostgreSQL an unclosed server-side cursor broke the next transaction.
    _raw_delete(events[1])
    try:
        with transaction.atomic():
            call_command("verify_audit")
    except CommandError:
        pass
    assert AuditEvent.objects.count() == 3


# The chain covers the actor's id and the case timeline (DESIGN.md 6.4).


def _raw_sql(sql: str, params: list[int | None]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        assert cursor.rowcount == 1


def test_it_names_an_event_whose_actor_id_was_changed(events, frontline):
    tampered = events[2]
    _raw_update(tampered, "actor", frontline.pk)
    assert f"broken at event {tampered.pk}:" in _broken_at()


def test_it_names_the_event_of_a_timeline_entry_changed_behind_its_back(case, frontline):
    from childpath.cases.models import CaseEvent

    entry = case.events.get(kind="case.registered")
    event = AuditEvent.objects.get(timeline_event_id=entry.pk)
    _raw_sql(
        f"UPDATE {CaseEvent._meta.db_table} SET actor_id = %s WHERE id = %s",
        [None, entry.pk],
    )
    message = _broken_at()
    assert f"broken at event {event.pk}:" in message
    assert f"timeline entry {entry.pk}" in message


def test_it_names_a_deleted_timeline_entry(case):
    from childpath.cases.models import CaseEvent

    entry = case.events.get(kind="case.registered")
    _raw_sql(f"DELETE FROM {CaseEvent._meta.db_table} WHERE id = %s", [entry.pk])
    assert f"timeline entry {entry.pk} is missing" in _broken_at()


def test_it_names_a_timeline_entry_inserted_behind_its_back(case, frontline):
    from childpath.cases.models import CaseEvent

    forged = CaseEvent.objects.create(case=case, actor=frontline, kind="team.added", data={})
    assert f"timeline entry {forged.pk} is covered by no audit event" in _broken_at()


def test_it_keeps_the_hash_of_events_written_before_the_chain_covered_more():
    # Version 1 events (before the chain covered the actor id and the timeline) keep the
    # fields their hashes were computed over, so an existing chain still verifies.
    old = AuditEvent(at=timezone.now(), actor_username="someone", chain_version=1)
    assert set(old.chained_fields()) == {
        "at",
        "actor",
        "organisation",
        "action",
        "case",
        "fields",
        "purpose",
        "request_id",
    }

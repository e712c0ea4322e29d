"""The sharded chain (issue 17): events spread over shard chains, a root chain of anchors over
their heads, and ``verify_audit`` catching an edit, deletion, reordering or cut tail in any
shard and any change to the anchors."""

from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from childpath.audit.chain import GENESIS
from childpath.audit.models import ROOT, AuditAnchor, AuditEvent, AuditHead
from childpath.audit.services import SHARD_ATTRIBUTE, anchor, ensure_heads, record

EVENTS = AuditEvent._meta.db_table
HEADS = AuditHead._meta.db_table
ANCHORS = AuditAnchor._meta.db_table


def _record_on(shard: int, actor, n: int) -> list[AuditEvent]:
    setattr(connection, SHARD_ATTRIBUTE, shard)
    with transaction.atomic():
        return [
            record(actor=actor, action="case.read", case_reference=f"CP-SHRD-{shard}{k:03d}")
            for k in range(n)
        ]


@pytest.fixture
def shards(settings, caseworker):
    """Three events on each of shards 1 and 2, interleaved, with an anchor after the first two
    of each: {shard: [events]}."""
    settings.AUDIT_SHARDS = 4
    with transaction.atomic():
        ensure_heads()
    written: dict[int, list[AuditEvent]] = {1: [], 2: []}
    for _round in range(2):
        for shard in (1, 2):
            written[shard] += _record_on(shard, caseworker, 1)
    anchor(force=True)
    for shard in (1, 2):
        written[shard] += _record_on(shard, caseworker, 1)
    return written


def _sql(sql: str, params: list[Any]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        assert cursor.rowcount >= 1


def _broken_at() -> str:
    with pytest.raises(CommandError) as error:
        call_command("verify_audit")
    return str(error.value)


def test_each_event_chains_to_the_one_before_in_its_shard(shards):
    for events in shards.values():
        assert events[0].previous_hash == GENESIS
        assert [e.previous_hash for e in events[1:]] == [e.hash for e in events[:-1]]
        assert {e.shard for e in events} == {events[0].shard}


def test_each_head_holds_its_shards_last_event(shards):
    for shard, events in shards.items():
        head = AuditHead.objects.get(shard=shard)
        assert (head.last_event_id, head.last_hash) == (events[-1].pk, events[-1].hash)


def test_it_passes_intact_shards_and_anchors(shards, capsys):
    call_command("verify_audit")
    out = capsys.readouterr().out
    assert "Audit chain intact: 6 events." in out
    # The hash to keep outside the database: the root chain's last anchor.
    assert f"Last anchor: {AuditAnchor.objects.get().hash}" in out


def test_the_anchor_records_every_shard_head(shards):
    (made,) = AuditAnchor.objects.all()
    # Every head row, those the migration made for shards not written to as well.
    heads = sorted(AuditHead.objects.filter(shard__gte=0).values_list("shard", flat=True))
    expected = [[shard, 0, GENESIS] for shard in heads]
    expected[1] = [1, shards[1][1].pk, shards[1][1].hash]
    expected[2] = [2, shards[2][1].pk, shards[2][1].hash]
    assert heads[:4] == [0, 1, 2, 3]
    assert made.heads == expected
    root = AuditHead.objects.get(shard=ROOT)
    assert (root.last_event_id, root.last_hash) == (made.pk, made.hash)


def test_a_transaction_keeps_to_one_shard(settings, caseworker):
    settings.AUDIT_SHARDS = 8
    with transaction.atomic():
        events = [record(actor=caseworker, action="case.read") for _ in range(5)]
    assert len({e.shard for e in events}) == 1


def test_the_shard_is_covered_by_the_hash(shards):
    moved = shards[2][1]
    _sql(f"UPDATE {EVENTS} SET shard = 1 WHERE id = %s", [moved.pk])
    assert f"broken at event {moved.pk}:" in _broken_at()


def test_it_names_an_edited_row_of_another_shard(shards):
    edited = shards[2][0]
    _sql(f"UPDATE {EVENTS} SET action = 'case.update' WHERE id = %s", [edited.pk])
    assert f"broken at event {edited.pk}:" in _broken_at()


def test_it_names_the_event_after_a_deleted_row_in_its_shard(shards):
    _sql(f"DELETE FROM {EVENTS} WHERE id = %s", [shards[1][1].pk])
    assert f"broken at event {shards[1][2].pk}:" in _broken_at()


def test_it_names_two_rows_of_a_shard_swapped(shards):
    first, second = shards[2][0], shards[2][1]
    columns = "at, case_reference, previous_hash, hash"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {EVENTS} WHERE id = %s", [first.pk])
        a = cursor.fetchone()
        cursor.execute(f"SELECT {columns} FROM {EVENTS} WHERE id = %s", [second.pk])
        b = cursor.fetchone()
        cursor.execute(f"UPDATE {EVENTS} SET hash = 'x' WHERE id = %s", [first.pk])
        for target, values in ((second.pk, a), (first.pk, b)):
            cursor.execute(
                f"UPDATE {EVENTS} SET at = %s, case_reference = %s, previous_hash = %s, "
                "hash = %s WHERE id = %s",
                [*values, target],
            )
    assert f"broken at event {first.pk}:" in _broken_at()


def test_it_names_a_deleted_tail_through_the_head(shards):
    _sql(f"DELETE FROM {EVENTS} WHERE id = %s", [shards[1][2].pk])
    assert f"events after {shards[1][1].pk} are missing" in _broken_at()


def test_it_names_a_tail_cut_behind_an_anchor_even_with_the_head_rewritten(shards):
    kept, cut = shards[1][0], shards[1][1:]
    _sql(f"DELETE FROM {EVENTS} WHERE id IN (%s, %s)", [cut[0].pk, cut[1].pk])
    _sql(
        f"UPDATE {HEADS} SET last_event_id = %s, last_hash = %s WHERE shard = 1",
        [kept.pk, kept.hash],
    )
    message = _broken_at()
    assert f"broken at event {cut[0].pk}:" in message
    assert f"events after {kept.pk} are missing (anchored)" in message


def test_it_names_a_deleted_shard_head(shards):
    _sql(f"DELETE FROM {HEADS} WHERE shard = 2", [])
    assert "the head of shard 2 is missing" in _broken_at()


def test_it_names_an_edited_anchor(shards):
    (made,) = AuditAnchor.objects.all()
    _sql(f"UPDATE {ANCHORS} SET heads = %s WHERE id = %s", ["[]", made.pk])
    assert f"broken at root anchor {made.pk}:" in _broken_at()


def test_it_names_a_deleted_last_anchor_through_the_root_head(shards):
    (made,) = AuditAnchor.objects.all()
    _sql(f"DELETE FROM {ANCHORS} WHERE id = %s", [made.pk])
    assert f"root anchor {made.pk}: events after 0 are missing" in _broken_at()


def test_it_names_a_deleted_middle_anchor(shards, caseworker):
    first = AuditAnchor.objects.get()
    _record_on(1, caseworker, 1)
    second = anchor(force=True)
    assert second is not None
    _sql(f"DELETE FROM {ANCHORS} WHERE id = %s", [first.pk])
    assert f"broken at root anchor {second.pk}:" in _broken_at()


def test_it_anchors_nothing_when_no_head_moved(shards):
    assert anchor(force=True) is not None  # the fixture wrote after its anchor
    assert anchor(force=True) is None
    assert AuditAnchor.objects.count() == 2


def test_it_anchors_after_the_commit_once_per_interval(
    settings, caseworker, django_capture_on_commit_callbacks, monkeypatch
):
    from childpath.audit import services

    settings.AUDIT_ANCHOR_SECONDS = 0
    monkeypatch.setattr(services, "_next_anchor", 0.0)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        event = record(actor=caseworker, action="case.read")
    assert len(callbacks) == 1
    (made,) = AuditAnchor.objects.all()
    assert [event.shard, event.pk, event.hash] in made.heads


def test_a_rolled_back_transaction_anchors_nothing(
    settings, caseworker, django_capture_on_commit_callbacks, monkeypatch
):
    from childpath.audit import services

    monkeypatch.setattr(services, "_next_anchor", 0.0)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ZeroDivisionError),
        transaction.atomic(),
    ):
        record(actor=caseworker, action="case.read")
        _ = 1 / 0
    assert callbacks == []
    assert not AuditAnchor.objects.exists()


def test_a_version_2_chain_continues_as_shard_0(caseworker):
    # Events written before the chain was sharded are shard 0; their hashes do not cover it.
    setattr(connection, SHARD_ATTRIBUTE, 0)
    with transaction.atomic():
        old = record(actor=caseworker, action="case.read")
    from childpath.audit.chain import event_hash

    v2_fields = {k: v for k, v in old.chained_fields().items() if k != "shard"} | {"version": 2}
    v2_hash = event_hash(v2_fields, GENESIS)
    _sql(f"UPDATE {EVENTS} SET chain_version = 2, hash = %s WHERE id = %s", [v2_hash, old.pk])
    _sql(f"UPDATE {HEADS} SET last_hash = %s WHERE shard = 0", [v2_hash])
    with transaction.atomic():
        new = record(actor=caseworker, action="case.read")
    assert (new.shard, new.previous_hash) == (0, v2_hash)
    call_command("verify_audit")


def test_the_anchor_command_anchors(shards, caseworker, capsys):
    _record_on(2, caseworker, 1)
    call_command("anchor_audit")
    assert AuditAnchor.objects.count() == 2
    assert "Anchor " in capsys.readouterr().out

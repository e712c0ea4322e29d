"""Writing audit events. Call ``record`` inside the transaction of the change it records.

The chain is sharded (issue 17): an event is appended to one of ``AUDIT_SHARDS`` shard chains,
so concurrent writers do not all queue behind one head row, and a root chain of anchors
(``anchor``) records every shard's head at most ``AUDIT_ANCHOR_SECONDS`` apart.
"""

import random
import time
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from childpath.accounts.models import User
from childpath.audit.chain import GENESIS, anchor_fields, digest, event_hash
from childpath.audit.models import ROOT, AuditAnchor, AuditEvent, AuditHead
from childpath.lib.request_id import current_request_id

# The connection remembers the shard it wrote last. Asked first, it keeps a transaction on the
# head row it already holds (its own lock is never skipped), so a transaction that records
# several events locks one head only and two writers cannot deadlock on two heads.
SHARD_ATTRIBUTE = "audit_shard"
# Any fixed number: the key of the advisory lock that lets one writer at a time anchor.
ANCHOR_LOCK = 0x4175_6469_7431

_next_anchor = 0.0
_heads_made = 0


def shards() -> int:
    return max(1, int(getattr(settings, "AUDIT_SHARDS", 16)))


def anchor_seconds() -> float:
    return float(getattr(settings, "AUDIT_ANCHOR_SECONDS", 1.0))


def record(
    *,
    actor: User | None,
    action: str,
    case_reference: str = "",
    fields: Iterable[str] = (),
    purpose: str = "",
    timeline: tuple[int, Mapping[str, Any]] | None = None,
) -> AuditEvent:
    """Append one event to a shard's chain. Must run inside the caller's transaction.

    ``timeline`` is the case timeline entry written with it (id, chained contents): the chain
    then covers that entry too (``childpath.cases.changes.record_change`` passes it).
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record must run inside the transaction it audits.")
    head_id, shard, last_hash = _lock_head(connection)
    event = AuditEvent(
        at=timezone.now(),
        actor=actor,
        actor_username=actor.username if actor else "system",
        organisation=str(actor.organisation) if actor and actor.organisation else "",
        action=action,
        case_reference=case_reference,
        fields=sorted(set(fields)),
        purpose=purpose,
        request_id=current_request_id(),
        timeline_event_id=timeline[0] if timeline else None,
        timeline_digest=digest(timeline[1]) if timeline else "",
        shard=shard,
        previous_hash=last_hash,
    )
    event.hash = event_hash(event.chained_fields(), event.previous_hash)
    _append(connection, head_id, event)
    _anchor_soon()
    return event


def _lock_head(connection: Any) -> tuple[int, int, str]:
    """Lock one shard's head row: the connection's last shard if free, else any free one
    (``SKIP LOCKED`` on PostgreSQL), else wait for a random one. Returns (row id, shard,
    last hash).

    SQLite runs IMMEDIATE transactions (settings), which serialise writers already. Plain
    SQL: this runs on every audited request, and the ORM's query building cost more CPU
    than the statement itself (BENCHMARKS.md, issue 17).
    """
    count = shards()
    preferred = getattr(connection, SHARD_ATTRIBUTE, None)
    if preferred is None or preferred >= count:
        preferred = random.randrange(count)  # noqa: S311 (spreading load, not a secret)
    table = AuditHead._meta.db_table
    skip_locked = " FOR UPDATE SKIP LOCKED" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, shard, last_hash FROM {table} WHERE shard >= 0 AND shard < %s"  # noqa: S608
            f" ORDER BY shard = %s DESC, random() LIMIT 1{skip_locked}",
            [count, preferred],
        )
        row = cursor.fetchone()
        if row is None:  # every head is busy, or not made yet: wait for the preferred one
            wait = " FOR UPDATE" if connection.vendor == "postgresql" else ""
            preferred_head = f"SELECT id, shard, last_hash FROM {table} WHERE shard = %s{wait}"  # noqa: S608
            ensure_heads()
            cursor.execute(preferred_head, [preferred])
            row = cursor.fetchone()
            if row is None:  # this process made them once, but they are gone (a test's rollback)
                ensure_heads(recount=True)
                cursor.execute(preferred_head, [preferred])
                row = cursor.fetchone()
    setattr(connection, SHARD_ATTRIBUTE, row[1])
    return row[0], row[1], row[2]


def _append(connection: Any, head_id: int, event: AuditEvent) -> None:
    """``event.save()`` and the head's move, in plain SQL (the ORM's insert path cost 0.7 ms
    of CPU per event); on PostgreSQL one statement, so the head is held one round trip less.
    """
    fields = [f for f in AuditEvent._meta.concrete_fields if not f.primary_key]
    values = [f.get_db_prep_save(f.pre_save(event, True), connection) for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    insert = f"INSERT INTO {AuditEvent._meta.db_table} ({columns}) VALUES ({placeholders})"  # noqa: S608
    move = f"UPDATE {AuditHead._meta.db_table} SET last_hash = %s"  # noqa: S608
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"WITH added AS ({insert} RETURNING id) {move},"  # noqa: S608
                " last_event_id = (SELECT id FROM added) WHERE id = %s RETURNING last_event_id",
                [*values, event.hash, head_id],
            )
            (event.pk,) = cursor.fetchone()
        else:
            cursor.execute(f"{insert} RETURNING id", values)
            (event.pk,) = cursor.fetchone()
            cursor.execute(
                f"{move}, last_event_id = %s WHERE id = %s", [event.hash, event.pk, head_id]
            )
    event._state.adding = False
    event._state.db = connection.alias


def ensure_heads(*, recount: bool = False) -> None:
    """Make the head rows of shards that have none yet (a new shard starts at GENESIS).

    Counted first: inserting beside a head row another writer holds would wait for it.
    """
    global _heads_made
    if _heads_made == shards() and not recount:
        return
    if AuditHead.objects.filter(shard__gte=0, shard__lt=shards()).count() == shards():
        _heads_made = shards()  # head rows are never deleted by the application
        return
    AuditHead.objects.bulk_create(
        [AuditHead(shard=shard, last_event_id=0, last_hash=GENESIS) for shard in range(shards())],
        ignore_conflicts=True,
    )


def _anchor_soon() -> None:
    """At most once per interval per process, anchor the shard heads after this commit.

    In its own short transaction, so the writer's transaction holds no anchor lock; a commit
    hook, so a transaction that rolls back anchors nothing.
    """
    global _next_anchor
    now = time.monotonic()
    if now < _next_anchor:
        return
    _next_anchor = now + anchor_seconds()
    transaction.on_commit(anchor, robust=True)


def anchor(*, force: bool = False) -> AuditAnchor | None:
    """Append a root anchor of every shard head, unless one was made less than an interval
    ago (``force`` ignores that) or nothing moved since. Safe to call from many processes:
    one at a time anchors (an advisory lock on PostgreSQL), the others return None."""
    with transaction.atomic():
        connection = transaction.get_connection()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [ANCHOR_LOCK])
                (locked,) = cursor.fetchone()
            if not locked:
                return None
        root = AuditHead.objects.select_for_update().filter(shard=ROOT).first()
        last = AuditAnchor.objects.order_by("-id").first()
        now = timezone.now()
        if not force and last and (now - last.at).total_seconds() < anchor_seconds():
            return None
        heads = list(
            AuditHead.objects.filter(shard__gte=0)
            .order_by("shard")
            .values_list("shard", "last_event_id", "last_hash")
        )
        fields = anchor_fields(now.isoformat(), heads)
        if not heads or (last and fields["heads"] == last.heads):
            return None
        previous = last.hash if last else GENESIS
        made = AuditAnchor.objects.create(
            at=now, heads=fields["heads"], previous_hash=previous, hash=event_hash(fields, previous)
        )
        if root is None:
            AuditHead.objects.create(shard=ROOT, last_event_id=made.pk, last_hash=made.hash)
        else:
            AuditHead.objects.filter(pk=root.pk).update(last_event_id=made.pk, last_hash=made.hash)
        return made

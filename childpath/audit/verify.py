"""Verify the audit chain and the case timeline it covers (``manage.py verify_audit``, the
auditor's page and API).

The chain is sharded (``childpath.audit.services``): every shard's chain, the root chain of
anchors and every anchored head are checked (``childpath.audit.chain``).
"""

from collections.abc import Generator
from contextlib import closing
from dataclasses import dataclass
from typing import Any

from childpath.audit import links
from childpath.audit.chain import (
    GENESIS,
    Broken,
    Event,
    anchored_heads,
    first_broken,
    first_broken_shards,
    first_unmatched,
)
from childpath.audit.models import ROOT, AuditAnchor, AuditEvent, AuditHead

BATCH = 2000


@dataclass(frozen=True)
class ChainState:
    intact: bool
    events: int
    broken: Broken | None

    @property
    def message(self) -> str:
        if self.broken is None:
            return f"Audit chain intact: {self.events} events."
        if self.broken.where == "anchor":
            where = f"root anchor {self.broken.event_id}"
        elif self.broken.event_id:
            where = f"event {self.broken.event_id}"
        else:
            where = "the case timeline"
        return f"Audit chain broken at {where}: {self.broken.reason}."


def verify() -> ChainState:
    heads = {
        shard: (last_id, last_hash)
        for shard, last_id, last_hash in AuditHead.objects.values_list(
            "shard", "last_event_id", "last_hash"
        )
    }
    # A missing root head with anchors present is itself a break, as a missing shard head is.
    root = heads.pop(ROOT, (0, GENESIS))
    # Close the streams even when a walk stops at a break: on PostgreSQL they are server-side
    # cursors, and one left open breaks the connection's next transaction.
    with closing(_anchors()) as anchors:
        broken = first_broken(anchors, head=root)
    if broken is not None:
        broken = Broken(broken.event_id, broken.reason, where="anchor")
    anchored: dict[int, list[tuple[int, str]]] = {}
    if broken is None:
        with closing(_anchor_heads()) as anchor_heads:
            anchored, broken = anchored_heads(anchor_heads)
    if broken is None:
        with closing(_events()) as events:
            broken = first_broken_shards(events, heads=heads, anchored=anchored)
    if broken is None:
        broken = _timeline_broken()
    return ChainState(intact=broken is None, events=AuditEvent.objects.count(), broken=broken)


def _events() -> Generator[Event, None, None]:
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=BATCH):
        yield event.pk, event.shard, event.chained_fields(), event.previous_hash, event.hash


def _anchor_rows() -> Any:
    return AuditAnchor.objects.order_by("id").values_list(
        "id", "at", "heads", "previous_hash", "hash"
    )


def _anchors() -> Generator[tuple[int, dict[str, Any], str, str], None, None]:
    for anchor_id, at, heads, previous_hash, stored_hash in _anchor_rows().iterator(BATCH):
        yield anchor_id, {"at": at.isoformat(), "heads": heads}, previous_hash, stored_hash


def _anchor_heads() -> Generator[tuple[int, dict[str, Any]], None, None]:
    for anchor_id, _at, heads, _previous, _hash in _anchor_rows().iterator(BATCH):
        yield anchor_id, {"heads": heads}


def _timeline_broken() -> Broken | None:
    """Every timeline entry an event covers is unchanged, and none was added beside them."""
    registered = links.timeline()
    if registered is None:
        return None
    read, ids_from = registered
    covered = AuditEvent.objects.filter(timeline_event_id__isnull=False).order_by("id")
    rows = covered.values_list("id", "timeline_event_id", "timeline_digest")
    seen: set[int] = set()
    batch: list[tuple[int, int, str]] = []

    def check() -> Broken | None:
        broken = first_unmatched(batch, read(row[1] for row in batch))
        seen.update(row[1] for row in batch)
        batch.clear()
        return broken

    for event_id, row_id, row_digest in rows.iterator(chunk_size=BATCH):
        batch.append((event_id, int(row_id or 0), row_digest))
        if len(batch) == BATCH and (broken := check()):
            return broken
    if batch and (broken := check()):
        return broken
    if not seen:
        return None
    # Entries written since the chain covers the timeline must each have their event.
    uncovered = (row_id for row_id in ids_from(min(seen)) if row_id not in seen)
    return first_unmatched((), {}, uncovered=uncovered)

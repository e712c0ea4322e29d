"""Verify the audit chain and the case timeline it covers (``manage.py verify_audit``, the
auditor's page and API)."""

from collections.abc import Generator
from contextlib import closing
from dataclasses import dataclass
from typing import Any

from childpath.audit import links
from childpath.audit.chain import GENESIS, Broken, first_broken, first_unmatched
from childpath.audit.models import AuditEvent, AuditHead

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
        where = f"event {self.broken.event_id}" if self.broken.event_id else "the case timeline"
        return f"Audit chain broken at {where}: {self.broken.reason}."


def verify() -> ChainState:
    head_row = AuditHead.objects.filter(pk=1).first()
    # A missing head row with events present is itself a break.
    head = (head_row.last_event_id, head_row.last_hash) if head_row else (0, GENESIS)
    # Close the stream even when the walk stops at a break: on PostgreSQL it is a
    # server-side cursor, and one left open breaks the connection's next transaction.
    with closing(_events()) as events:
        broken = first_broken(events, head=head)
    if broken is None:
        broken = _timeline_broken()
    return ChainState(intact=broken is None, events=AuditEvent.objects.count(), broken=broken)


def _events() -> Generator[tuple[int, dict[str, Any], str, str], None, None]:
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=BATCH):
        yield event.pk, event.chained_fields(), event.previous_hash, event.hash


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

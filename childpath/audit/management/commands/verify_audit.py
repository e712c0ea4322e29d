from collections.abc import Generator
from contextlib import closing
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from childpath.audit import links
from childpath.audit.chain import GENESIS, Broken, first_broken, first_unmatched
from childpath.audit.models import AuditEvent, AuditHead

BATCH = 2000


class Command(BaseCommand):
    help = (
        "Verify the audit hash chain and the case timeline it covers; exit non-zero and name "
        "the first broken event."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        head_row = AuditHead.objects.filter(pk=1).first()
        # A missing head row with events present is itself a break.
        head = (head_row.last_event_id, head_row.last_hash) if head_row else (0, GENESIS)
        # Close the stream even when the walk stops at a break: on PostgreSQL it is a
        # server-side cursor, and one left open breaks the connection's next transaction.
        with closing(_events()) as events:
            broken = first_broken(events, head=head)
        if broken is None:
            broken = _timeline_broken()
        if broken is not None:
            where = f"event {broken.event_id}" if broken.event_id else "the case timeline"
            raise CommandError(f"Audit chain broken at {where}: {broken.reason}.")
        count = AuditEvent.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {count} events."))


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
    seen: set[int] = set()
    first_id: int | None = None
    rows = covered.values_list("id", "timeline_event_id", "timeline_digest")
    batch: list[tuple[int, int, str]] = []
    for row in rows.iterator(chunk_size=BATCH):
        batch.append((row[0], int(row[1] or 0), row[2]))
        if len(batch) == BATCH:
            if broken := first_unmatched(batch, read(r[1] for r in batch)):
                return broken
            seen.update(r[1] for r in batch)
            first_id = min(first_id or batch[0][1], *(r[1] for r in batch))
            batch = []
    if batch:
        if broken := first_unmatched(batch, read(r[1] for r in batch)):
            return broken
        seen.update(r[1] for r in batch)
        first_id = min(first_id or batch[0][1], *(r[1] for r in batch))
    if first_id is None:
        return None
    # Entries written since the chain covers the timeline must each have their event.
    uncovered = (row_id for row_id in ids_from(first_id) if row_id not in seen)
    return first_unmatched((), {}, uncovered=uncovered)

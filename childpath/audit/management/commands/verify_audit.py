from collections.abc import Generator
from contextlib import closing
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from childpath.audit.chain import GENESIS, first_broken
from childpath.audit.models import AuditEvent, AuditHead


class Command(BaseCommand):
    help = "Verify the audit hash chain; exit non-zero and name the first broken event."

    def handle(self, *args: Any, **options: Any) -> None:
        head_row = AuditHead.objects.filter(pk=1).first()
        # A missing head row with events present is itself a break.
        head = (head_row.last_event_id, head_row.last_hash) if head_row else (0, GENESIS)
        # Close the stream even when the walk stops at a break: on PostgreSQL it is a
        # server-side cursor, and one left open breaks the connection's next transaction.
        with closing(_events()) as events:
            broken = first_broken(events, head=head)
        if broken is not None:
            raise CommandError(f"Audit chain broken at event {broken.event_id}: {broken.reason}.")
        count = AuditEvent.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {count} events."))


def _events() -> Generator[tuple[int, dict[str, Any], str, str], None, None]:
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        yield event.pk, event.chained_fields(), event.previous_hash, event.hash

"""The audit trail as the auditor reads it: filters over the events, never case contents
(the events hold references and field names only, DESIGN.md 6.4)."""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from childpath.audit.models import AuditEvent

CSV_COLUMNS = (
    "id",
    "at",
    "actor",
    "organisation",
    "action",
    "case_reference",
    "fields",
    "purpose",
    "request_id",
    "hash",
)


@dataclass(frozen=True)
class Filters:
    reference: str = ""
    user: str = ""
    organisation: str = ""
    action: str = ""
    since: date | None = None
    until: date | None = None

    def used(self) -> list[str]:
        """The names of the filters set (audited; their values are not identifying)."""
        return [name for name, value in vars(self).items() if value]


def _start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def events(filters: Filters) -> "QuerySet[AuditEvent]":
    rows = AuditEvent.objects.order_by("-id")
    if filters.reference:
        rows = rows.filter(case_reference=filters.reference.strip().upper())
    if filters.user:
        rows = rows.filter(actor_username=filters.user.strip())
    if filters.organisation:
        rows = rows.filter(organisation=filters.organisation.strip())
    if filters.action:
        # "case" finds case.read, case.update...; "case.read" only that action.
        action = filters.action.strip()
        rows = rows.filter(action=action) | rows.filter(action__startswith=f"{action}.")
    if filters.since:
        rows = rows.filter(at__gte=_start(filters.since))
    if filters.until:
        rows = rows.filter(at__lt=_start(filters.until + timedelta(days=1)))
    return rows


def csv_lines(rows: "QuerySet[AuditEvent]") -> Iterator[str]:
    """The events as CSV, streamed a chunk at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        value = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
        return value

    writer.writerow(CSV_COLUMNS)
    yield flush()
    for event in rows.iterator(chunk_size=2000):
        writer.writerow(
            [
                event.pk,
                event.at.isoformat(),
                event.actor_username,
                event.organisation,
                event.action,
                event.case_reference,
                " ".join(event.fields),
                _safe(event.purpose),
                event.request_id,
                event.hash,
            ]
        )
        yield flush()


def _safe(value: str) -> str:
    """No spreadsheet formula injection from a stored value."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value


def actions() -> list[str]:
    return list(AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct())

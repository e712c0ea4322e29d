"""The one way to change a case: ``record_change`` (DESIGN.md 6.2, 6.4).

Every change of a case, whichever app makes it (cases, screening, identification,
age_assessment, rights, referrals...), writes its timeline entry (``CaseEvent``) and its audit
event together, inside the transaction of the change, with the real actor. The audit event's
hash covers the timeline entry (its id and a digest of its contents), so ``verify_audit``
detects an edited, deleted or inserted timeline row as surely as an edited audit row.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from childpath.accounts.models import User
from childpath.audit import links
from childpath.audit.services import record
from childpath.cases.models import Case, CaseEvent


def record_change(
    *,
    actor: User | None,
    case: Case,
    kind: str | None,
    action: str,
    fields: Iterable[str] = (),
    data: Mapping[str, Any] | None = None,
    purpose: str = "",
) -> CaseEvent | None:
    """Write the timeline entry ``kind`` (with its non-identifying ``data``) and the audit
    event ``action`` (with the names, never the values, of the ``fields`` touched).

    ``actor`` is the person who acted (None only for the system, such as the overdue sweep).
    ``kind=None`` for a step the timeline does not show (answers saved in an unfinished
    screening): audited all the same. Must run inside the transaction of the change.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_change must run inside the transaction of the change.")
    event = None
    if kind is not None:
        event = CaseEvent.objects.create(case=case, actor=actor, kind=kind, data=dict(data or {}))
    # The case list's "latest activity"; set on the instance too, so that a later save()
    # of this instance by the caller does not write the older time back.
    case.last_activity_at = event.at if event is not None else timezone.now()
    Case.objects.filter(pk=case.pk).update(last_activity_at=case.last_activity_at)
    record(
        actor=actor,
        action=action,
        case_reference=case.reference,
        fields=fields,
        purpose=purpose,
        timeline=(event.pk, chained_content(event)) if event is not None else None,
    )
    return event


def chained_content(event: CaseEvent) -> dict[str, Any]:
    """What the audit chain covers of a timeline entry: everything it says."""
    return {
        "case": event.case_id,
        "at": event.at.isoformat(),
        "actor": event.actor_id,
        "kind": event.kind,
        "data": event.data,
    }


def _read(ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    rows = CaseEvent.objects.filter(pk__in=list(ids))
    return {row.pk: chained_content(row) for row in rows}


def _ids_from(first: int) -> Iterable[int]:
    return CaseEvent.objects.filter(pk__gte=first).order_by("pk").values_list("pk", flat=True)


def register() -> None:
    """Let ``verify_audit`` (audit app, below this one) read the timeline."""
    links.register_timeline(_read, _ids_from)

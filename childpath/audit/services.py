"""Writing audit events. Call ``record`` inside the transaction of the change it records."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from childpath.accounts.models import User
from childpath.audit.chain import GENESIS, digest, event_hash
from childpath.audit.models import AuditEvent, AuditHead
from childpath.lib.request_id import current_request_id


def record(
    *,
    actor: User | None,
    action: str,
    case_reference: str = "",
    fields: Iterable[str] = (),
    purpose: str = "",
    timeline: tuple[int, Mapping[str, Any]] | None = None,
) -> AuditEvent:
    """Append one event to the chain. Must run inside the caller's transaction.

    ``timeline`` is the case timeline entry written with it (id, chained contents): the chain
    then covers that entry too (``childpath.cases.changes.record_change`` passes it).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must run inside the transaction it audits.")
    # Locking the head row serialises writers on PostgreSQL; SQLite runs IMMEDIATE
    # transactions (settings), which serialise them already.
    head = AuditHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        head = AuditHead.objects.create(pk=1, last_event_id=0, last_hash=GENESIS)
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
        previous_hash=head.last_hash,
    )
    event.hash = event_hash(event.chained_fields(), event.previous_hash)
    event.save()
    AuditHead.objects.filter(pk=1).update(last_event_id=event.pk, last_hash=event.hash)
    return event

"""Queueing messages for a peer: the transactional outbox (DESIGN.md 6.6).

``enqueue`` runs inside the transaction of the change that causes the message, so the change
and its message commit together or not at all. The payload is encrypted for the peer here,
once; the worker (``delivery``) signs and sends it.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from childpath.accounts.models import User
from childpath.audit.services import record
from childpath.exchange import envelope
from childpath.exchange.config import instance_id
from childpath.exchange.models import Conversation, OutboxMessage, Peer


def audit_purpose(
    *,
    peer: str,
    message_type: str = "",
    message_id: str = "",
    conversation: str = "",
    remote: str = "",
    reason: str = "",
) -> str:
    """The audit event's purpose: peer, type and references, never contents."""
    parts = [f"peer={peer}"]
    for name, value in (
        ("type", message_type),
        ("message", message_id),
        ("conversation", conversation),
        ("remote", remote),
        ("reason", reason),
    ):
        if value:
            parts.append(f"{name}={value}")
    return " ".join(parts)[:200]


def encryption_key(peer: Peer) -> tuple[str, Any]:
    """The peer's newest encryption key (the card lists keys newest first)."""
    from childpath.exchange.keys import ENCRYPTION, public_keys_of

    now = timezone.now()
    for key in public_keys_of({"keys": peer.keys}):
        if key.use == ENCRYPTION and key.usable(now) and key.accept_until is None:
            return key.id, key.x25519()
    raise ValueError(f"peer {peer.instance_id} has no current encryption key")


def start_conversation(
    *, peer: Peer, kind: str, conversation_id: uuid.UUID | None = None
) -> Conversation:
    return Conversation.objects.create(
        id=conversation_id or uuid.uuid4(), peer=peer, kind=kind, started_here=True
    )


def enqueue(
    *,
    conversation: Conversation,
    message_type: str,
    payload: dict[str, Any],
    reply_to: uuid.UUID | None = None,
    case_reference: str = "",
    remote_reference: str = "",
    deadline: timedelta | None = None,
    actor: User | None = None,
) -> OutboxMessage:
    """Queue one message in the caller's transaction, with its audit event."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("enqueue must run inside the transaction of the change it sends.")
    locked = (
        Conversation.objects.select_for_update(of=("self",))
        .select_related("peer")
        .get(pk=conversation.pk)
    )
    peer = locked.peer
    seq = locked.next_out_seq
    Conversation.objects.filter(pk=locked.pk).update(next_out_seq=seq + 1)
    conversation.next_out_seq = seq + 1
    key_id, public_key = encryption_key(peer)
    message_id = uuid.uuid4()
    header = envelope.Header(
        id=str(message_id),
        type=message_type,
        sender=instance_id(),
        recipient=peer.instance_id,
        conversation=str(locked.pk),
        seq=seq,
        reply_to=str(reply_to) if reply_to else None,
        recipient_key=key_id,
    )
    now = timezone.now()
    message = OutboxMessage.objects.create(
        id=message_id,
        peer=peer,
        conversation=locked,
        seq=seq,
        type=message_type,
        reply_to=reply_to,
        recipient_key=key_id,
        payload=envelope.encrypt_payload(header, payload, public_key),
        case_reference=case_reference,
        created_at=now,
        next_attempt_at=now,
        deadline=now + (deadline or timedelta(seconds=settings.FEDERATION_DELIVERY_DEADLINE)),
    )
    record(
        actor=actor,
        action="federation.send",
        case_reference=case_reference,
        purpose=audit_purpose(
            peer=peer.instance_id,
            message_type=message_type,
            message_id=str(message_id),
            conversation=str(locked.pk),
            remote=remote_reference,
        ),
    )
    return message


def header_of(message: OutboxMessage) -> envelope.Header:
    return envelope.Header(
        id=str(message.pk),
        type=message.type,
        sender=instance_id(),
        recipient=message.peer.instance_id,
        conversation=str(message.conversation_id),
        seq=message.seq,
        reply_to=str(message.reply_to) if message.reply_to else None,
        recipient_key=message.recipient_key,
    )

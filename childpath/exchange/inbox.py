"""Receiving envelopes: verify, decrypt, check, apply once, answer with a signed receipt.

Every refusal has a machine-readable reason (``envelope.REASONS``), is logged once and written
to the audit trail, and changes nothing else. A duplicate (same sender and message id, same
content) gets the stored answer again, byte for byte.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone

from childpath.audit.services import record
from childpath.exchange import envelope, registry
from childpath.exchange.config import instance_id, ring
from childpath.exchange.envelope import Envelope, Refused
from childpath.exchange.keys import ENCRYPTION, SIGNING, public_keys_of
from childpath.exchange.models import (
    Conversation,
    InboxMessage,
    InboxOutcome,
    OutboxMessage,
    Peer,
    PeerStatus,
)
from childpath.exchange.outbox import audit_purpose

logger = logging.getLogger("childpath.federation")

STATUS_OF = {
    envelope.OVERSIZED: 413,
    envelope.UNKNOWN_SENDER: 403,
    envelope.SUSPENDED_SENDER: 403,
    envelope.WRONG_RECIPIENT: 403,
    envelope.BAD_SIGNATURE: 403,
    envelope.UNKNOWN_KEY: 409,
    envelope.OUT_OF_ORDER: 409,
    envelope.BUSY: 503,
    envelope.INVALID_STATE: 422,
    envelope.INVALID_PAYLOAD: 422,
    envelope.UNKNOWN_CONVERSATION: 422,
    envelope.CONVERSATION_EXISTS: 422,
    envelope.UNKNOWN_REPLY_TO: 422,
}


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes


def refusal_body(reason: str, message_id: str | None) -> bytes:
    return envelope.canonical(
        {
            "protocol": envelope.PROTOCOL,
            "refused": message_id,
            "reason": reason,
            "retry": reason in envelope.RETRYABLE,
        }
    )


def _refuse(error: Refused, parsed: Envelope | None, peer: str) -> Answer:
    """Log once, audit once, answer with the reason. Nothing else is written."""
    message_id = parsed.id if parsed else None
    logger.warning(
        "federation: refused message %s from %s: %s", message_id or "?", peer, error.reason
    )
    try:
        with transaction.atomic():
            record(
                actor=None,
                action="federation.refuse",
                purpose=audit_purpose(
                    peer=peer,
                    message_type=parsed.header.type if parsed else "",
                    message_id=message_id or "",
                    conversation=parsed.header.conversation if parsed else "",
                    reason=error.reason,
                ),
            )
    except OperationalError:
        # The database is busy: the refusal stands; the sender will retry or give up.
        logger.warning("federation: could not audit the refusal of %s", message_id or "?")
    return Answer(STATUS_OF.get(error.reason, 400), refusal_body(error.reason, message_id))


def _stored_answer(row: InboxMessage) -> Answer:
    if row.outcome == InboxOutcome.APPLIED:
        return Answer(200, row.receipt.encode())
    return Answer(STATUS_OF.get(row.reason, 422), refusal_body(row.reason, str(row.message_id)))


def _peer(parsed: Envelope) -> Peer:
    peer = Peer.objects.filter(instance_id=parsed.header.sender).order_by().first()
    if peer is None or peer.status in (PeerStatus.PENDING, PeerStatus.REMOVED):
        raise Refused(envelope.UNKNOWN_SENDER)
    if peer.status == PeerStatus.SUSPENDED:
        raise Refused(envelope.SUSPENDED_SENDER)
    return peer


def _verify(parsed: Envelope, peer: Peer, now: datetime) -> None:
    for key in public_keys_of({"keys": peer.keys}):
        if key.use == SIGNING and key.id == parsed.sender_key and key.usable(now):
            envelope.verify(parsed, key.ed25519())
            return
    # Perhaps a new key whose announcement has not arrived yet: worth a retry.
    raise Refused(envelope.UNKNOWN_KEY, "signing key not known for this peer")


def receive(body: bytes, now: datetime | None = None) -> Answer:
    now = now or timezone.now()
    parsed: Envelope | None = None
    claimed = "?"
    try:
        parsed = envelope.parse(body)
        claimed = parsed.header.sender
        if parsed.header.recipient != instance_id():
            raise Refused(envelope.WRONG_RECIPIENT)
        peer = _peer(parsed)
        _verify(parsed, peer, now)
        envelope.check_time(parsed, now)
        message_type = registry.get(parsed.header.type)
        if message_type is None:
            raise Refused(envelope.UNKNOWN_TYPE, parsed.header.type)
        key = ring().find(ENCRYPTION, parsed.header.recipient_key, now)
        if key is None:
            raise Refused(envelope.UNDECRYPTABLE, "no such encryption key here")
        payload = envelope.decrypt(parsed, key.decryption())
        return _apply(parsed, peer, message_type, payload, now)
    except Refused as error:
        return _refuse(error, parsed, claimed)


def _duplicate(existing: InboxMessage, parsed: Envelope) -> Answer:
    if existing.digest != parsed.digest():
        raise Refused(envelope.ID_REUSED, "same id, different content")
    return _stored_answer(existing)


def _seen(parsed: Envelope, peer: Peer) -> InboxMessage | None:
    rows = InboxMessage.objects.filter(peer=peer, message_id=UUID(parsed.id)).order_by()
    return next(iter(rows[:1]), None)


def _conversation(
    parsed: Envelope,
    peer: Peer,
    message_type: registry.MessageType,
    conversation: Conversation | None,
) -> Conversation:
    header = parsed.header
    if message_type.starts:
        if conversation is not None:
            raise Refused(envelope.CONVERSATION_EXISTS)
        if header.seq != 1:
            raise Refused(envelope.OUT_OF_ORDER, "a new conversation starts at 1")
        return Conversation.objects.create(
            id=UUID(header.conversation), peer=peer, kind=message_type.kind, started_here=False
        )
    if conversation is None or conversation.peer_id != peer.pk:
        raise Refused(envelope.UNKNOWN_CONVERSATION)
    if conversation.kind != message_type.kind:
        raise Refused(envelope.INVALID_STATE, "type does not belong to this conversation")
    if header.seq > conversation.last_in_seq + 1:
        # An earlier message has not arrived yet: refuse for now; the sender retries.
        raise Refused(envelope.OUT_OF_ORDER, f"expected {conversation.last_in_seq + 1}")
    if header.seq <= conversation.last_in_seq:
        raise Refused(envelope.INVALID_STATE, "sequence number already used")
    return conversation


def _check_reply_to(parsed: Envelope, conversation: Conversation) -> None:
    reply_to = parsed.header.reply_to
    if reply_to is None:
        return
    known = (
        OutboxMessage.objects.filter(conversation=conversation, pk=UUID(reply_to)).exists()
        or InboxMessage.objects.filter(
            conversation=conversation, message_id=UUID(reply_to)
        ).exists()
    )
    if not known:
        raise Refused(envelope.UNKNOWN_REPLY_TO)


def _apply(
    parsed: Envelope,
    peer: Peer,
    message_type: registry.MessageType,
    payload: dict[str, object],
    now: datetime,
) -> Answer:
    header = parsed.header
    try:
        with transaction.atomic():
            # Lock the conversation first: a duplicate that raced the original waits here,
            # then finds it below and gets the same answer.
            locked = (
                Conversation.objects.select_for_update()
                .filter(pk=UUID(header.conversation))
                .order_by()
                .first()
            )
            existing = _seen(parsed, peer)
            if existing is not None:
                return _duplicate(existing, parsed)
            conversation = _conversation(parsed, peer, message_type, locked)
            _check_reply_to(parsed, conversation)
            refused: Refused | None = None
            try:
                with transaction.atomic():
                    message_type.apply(registry.Incoming(peer, conversation, header, payload))
            except Refused as error:
                refused = error
            Conversation.objects.filter(pk=conversation.pk).update(last_in_seq=header.seq)
            row = InboxMessage(
                message_id=UUID(header.id),
                peer=peer,
                conversation=conversation,
                seq=header.seq,
                type=header.type,
                digest=parsed.digest(),
                received_at=now,
            )
            purpose = audit_purpose(
                peer=peer.instance_id,
                message_type=header.type,
                message_id=header.id,
                conversation=header.conversation,
                reason=refused.reason if refused else "",
            )
            if refused is not None:
                # The sequence number is used up, so the conversation can go on; nothing of
                # the message was applied, and a retry gets this same refusal.
                row.outcome, row.reason = InboxOutcome.REFUSED, refused.reason
                row.save()
                record(actor=None, action="federation.refuse", purpose=purpose)
                logger.warning(
                    "federation: refused message %s from %s: %s",
                    header.id,
                    peer.instance_id,
                    refused.reason,
                )
                return _stored_answer(row)
            signing = ring().current(SIGNING)
            row.receipt = envelope.make_receipt(
                parsed,
                receiver=instance_id(),
                time=now,
                signing_key=signing.signing(),
                signing_key_id=signing.id,
            ).decode()
            row.outcome = InboxOutcome.APPLIED
            row.save()
            # One event for the message applied and the receipt given for it.
            record(actor=None, action="federation.receive", purpose=purpose)
            return Answer(200, row.receipt.encode())
    except IntegrityError:
        # Another worker of this instance applied the same message a moment ago.
        existing = _seen(parsed, peer)
        if existing is None:
            raise Refused(envelope.BUSY, "conflict") from None
        return _duplicate(existing, parsed)
    except OperationalError:
        raise Refused(envelope.BUSY, "database busy") from None


def parse_refusal(body: bytes) -> tuple[str, bool] | None:
    """The reason and retry flag of a peer's refusal, or None if the body is not one."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or data.get("reason") not in envelope.REASONS:
        return None
    return str(data["reason"]), bool(data.get("retry"))

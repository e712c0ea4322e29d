"""Receiving envelopes: verify, decrypt, check, apply once, answer with a signed receipt.

Every refusal has a machine-readable reason (``envelope.REASONS``), is logged once and written
to the audit trail, and changes nothing else. A duplicate (same sender and message id, same
content) gets the stored answer again, byte for byte.

A batch (``childpath-federation/2``) is received the same way, envelope by envelope, in one
database transaction: what each envelope needs is read once for the whole batch (its peer,
the conversations, locked, and the ids already seen), the inbox rows are written together,
and one commit covers them all. One envelope refused refuses only itself; if the transaction
itself fails (the database busy), every envelope of the batch is answered ``busy`` and
nothing of it is kept, so the sender sends them again.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
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


def _peer(parsed: Envelope, peers: dict[str, Peer | Refused]) -> Peer:
    sender = parsed.header.sender
    if sender not in peers:
        peer = Peer.objects.filter(instance_id=sender).order_by().first()
        if peer is None or peer.status in (PeerStatus.PENDING, PeerStatus.REMOVED):
            peers[sender] = Refused(envelope.UNKNOWN_SENDER)
        elif peer.status == PeerStatus.SUSPENDED:
            peers[sender] = Refused(envelope.SUSPENDED_SENDER)
        else:
            peers[sender] = peer
    known = peers[sender]
    if isinstance(known, Refused):
        raise Refused(known.reason)
    return known


def _verify(parsed: Envelope, peer: Peer, now: datetime) -> None:
    for key in public_keys_of({"keys": peer.keys}):
        if key.use == SIGNING and key.id == parsed.sender_key and key.usable(now):
            envelope.verify(parsed, key.ed25519())
            return
    # Perhaps a new key whose announcement has not arrived yet: worth a retry.
    raise Refused(envelope.UNKNOWN_KEY, "signing key not known for this peer")


@dataclass
class _Item:
    """One envelope on its way through the inbox: checked (outside the transaction), then
    applied or refused."""

    parsed: Envelope | None = None
    claimed: str = "?"
    peer: Peer | None = None
    message_type: registry.MessageType | None = None
    payload: dict[str, object] = field(default_factory=dict)
    error: Refused | None = None


def _check(load: Callable[[], Envelope], now: datetime, peers: dict[str, Peer | Refused]) -> _Item:
    """Everything that needs no lock: form, recipient, peer, signature, time, type, decryption."""
    item = _Item()
    try:
        parsed = item.parsed = load()
        item.claimed = parsed.header.sender
        if parsed.header.recipient != instance_id():
            raise Refused(envelope.WRONG_RECIPIENT)
        peer = item.peer = _peer(parsed, peers)
        _verify(parsed, peer, now)
        envelope.check_time(parsed, now)
        item.message_type = registry.get(parsed.header.type)
        if item.message_type is None:
            raise Refused(envelope.UNKNOWN_TYPE, parsed.header.type)
        key = ring().find(ENCRYPTION, parsed.header.recipient_key, now)
        if key is None:
            raise Refused(envelope.UNDECRYPTABLE, "no such encryption key here")
        item.payload = envelope.decrypt(parsed, key.decryption())
    except Refused as error:
        item.error = error
    return item


def receive(body: bytes, now: datetime | None = None) -> Answer:
    """One envelope, the single form of ``childpath-federation/1``."""
    now = now or timezone.now()
    return _receive_all([_check(lambda: envelope.parse(body), now, {})], now)[0]


def receive_batch(body: bytes, now: datetime | None = None) -> Answer:
    """A batch of ``childpath-federation/2``: one result per envelope, in order. Refused as a
    whole only when the container itself is wrong (not JSON, too big, too many)."""
    try:
        members = envelope.load_batch(body)
    except Refused as error:
        return _refuse(error, None, "?")
    return _receive_batch(members, now or timezone.now())


def _receive_batch(members: list[object], now: datetime) -> Answer:
    peers: dict[str, Peer | Refused] = {}
    items = [_check(partial(envelope.parse_batched, m), now, peers) for m in members]
    answers = _receive_all(items, now)
    return Answer(200, envelope.batch_answer([answer.body for answer in answers]))


def receive_any(body: bytes, now: datetime | None = None) -> Answer:
    """What ``/federation/inbox`` does: a batch if the body says so, else one envelope."""
    now = now or timezone.now()
    if len(body) > envelope.MAX_BATCH_BYTES:
        return _refuse(Refused(envelope.OVERSIZED, f"{len(body)} bytes"), None, "?")
    try:
        members = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        members = None
    if not envelope.is_batch(members):
        return receive(body, now)
    try:
        envelopes = envelope.batch_envelopes(members)
    except Refused as error:
        return _refuse(error, None, "?")
    return _receive_batch(envelopes, now)


@dataclass
class _Batch:
    """What the envelopes of one batch share inside its transaction."""

    now: datetime
    conversations: dict[UUID, Conversation]
    seen: dict[tuple[object, UUID], InboxMessage]
    rows: list[InboxMessage] = field(default_factory=list)
    touched: dict[UUID, Conversation] = field(default_factory=dict)
    memo: dict[UUID, dict[str, object]] = field(default_factory=dict)
    logs: list[tuple[str, str, str]] = field(default_factory=list)


def _receive_all(items: list[_Item], now: datetime) -> list[Answer]:
    batch: _Batch | None = None
    try:
        with transaction.atomic():
            batch = _open_batch(items, now)
            answers = [_answer(item, batch) for item in items]
            # The inbox rows together, and each conversation's last sequence number once.
            InboxMessage.objects.bulk_create(batch.rows)
            for conversation in batch.touched.values():
                Conversation.objects.filter(pk=conversation.pk).update(
                    last_in_seq=conversation.last_in_seq
                )
    except (IntegrityError, OperationalError) as error:
        # Another worker of this instance applied one of them a moment ago, or the database
        # is busy: nothing of the batch is kept; the sender sends it again and a message
        # applied meanwhile gets its stored answer.
        logger.warning("federation: batch of %d not applied (%s)", len(items), type(error).__name__)
        return [
            Answer(503, refusal_body(envelope.BUSY, item.parsed.id if item.parsed else None))
            for item in items
        ]
    # Logged once, after the commit: a batch answered ``busy`` is logged when it comes again.
    for message_id, peer, reason in batch.logs:
        logger.warning("federation: refused message %s from %s: %s", message_id, peer, reason)
    return answers


def _open_batch(items: list[_Item], now: datetime) -> _Batch:
    ready = [item.parsed for item in items if item.error is None and item.parsed]
    # Lock the conversations first, in one order: a duplicate that raced the original (in
    # another worker) waits here, then finds it below and gets the same answer.
    ids = sorted({UUID(parsed.header.conversation) for parsed in ready})
    locked = Conversation.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    message_ids = [UUID(parsed.id) for parsed in ready]
    seen = InboxMessage.objects.filter(message_id__in=message_ids).order_by()
    return _Batch(
        now=now,
        conversations={conversation.pk: conversation for conversation in locked},
        seen={(row.peer_id, row.message_id): row for row in seen},
    )


def _answer(item: _Item, batch: _Batch) -> Answer:
    if item.error is None:
        try:
            return _apply(item, batch)
        except Refused as error:
            item.error = error
    refused = item.error
    assert refused is not None
    parsed = item.parsed
    message_id = parsed.id if parsed else None
    record(
        actor=None,
        action="federation.refuse",
        purpose=audit_purpose(
            peer=item.claimed,
            message_type=parsed.header.type if parsed else "",
            message_id=message_id or "",
            conversation=parsed.header.conversation if parsed else "",
            reason=refused.reason,
        ),
    )
    batch.logs.append((message_id or "?", item.claimed, refused.reason))
    return Answer(STATUS_OF.get(refused.reason, 400), refusal_body(refused.reason, message_id))


def _conversation(
    parsed: Envelope,
    peer: Peer,
    message_type: registry.MessageType,
    batch: _Batch,
) -> Conversation:
    header = parsed.header
    conversation_id = UUID(header.conversation)
    conversation = batch.conversations.get(conversation_id)
    if message_type.starts:
        if conversation is not None:
            raise Refused(envelope.CONVERSATION_EXISTS)
        if header.seq != 1:
            raise Refused(envelope.OUT_OF_ORDER, "a new conversation starts at 1")
        if header.reply_to is not None:
            # Nothing in a new conversation to answer; refused before anything is written.
            raise Refused(envelope.UNKNOWN_REPLY_TO)
        try:
            with transaction.atomic():
                conversation = Conversation.objects.create(
                    id=conversation_id, peer=peer, kind=message_type.kind, started_here=False
                )
        except IntegrityError:
            # Another worker opened it a moment ago: worth a retry, which finds it.
            raise Refused(envelope.BUSY, "conflict") from None
        batch.conversations[conversation_id] = conversation
        return conversation
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


def _check_reply_to(parsed: Envelope, conversation: Conversation, batch: _Batch) -> None:
    reply_to = parsed.header.reply_to
    if reply_to is None:
        return
    replied = UUID(reply_to)
    known = (
        any(row.message_id == replied and row.conversation == conversation for row in batch.rows)
        or OutboxMessage.objects.filter(conversation=conversation, pk=replied).exists()
        or InboxMessage.objects.filter(conversation=conversation, message_id=replied).exists()
    )
    if not known:
        raise Refused(envelope.UNKNOWN_REPLY_TO)


def _apply(item: _Item, batch: _Batch) -> Answer:
    parsed, peer, message_type = item.parsed, item.peer, item.message_type
    assert parsed is not None and peer is not None and message_type is not None
    header = parsed.header
    digest = parsed.digest()
    message_id = UUID(header.id)
    existing = batch.seen.get((peer.pk, message_id))
    if existing is not None:
        if existing.digest != digest:
            raise Refused(envelope.ID_REUSED, "same id, different content")
        return _stored_answer(existing)
    conversation = _conversation(parsed, peer, message_type, batch)
    _check_reply_to(parsed, conversation, batch)
    refused: Refused | None = None
    memo = batch.memo.setdefault(conversation.pk, {})
    try:
        with transaction.atomic():
            message_type.apply(registry.Incoming(peer, conversation, header, item.payload, memo))
    except Refused as error:
        refused = error
        batch.memo.pop(conversation.pk, None)
    conversation.last_in_seq = header.seq
    batch.touched[conversation.pk] = conversation
    row = InboxMessage(
        message_id=message_id,
        peer=peer,
        conversation=conversation,
        seq=header.seq,
        type=header.type,
        digest=digest,
        received_at=batch.now,
    )
    batch.rows.append(row)
    batch.seen[(peer.pk, message_id)] = row
    purpose = audit_purpose(
        peer=peer.instance_id,
        message_type=header.type,
        message_id=header.id,
        conversation=header.conversation,
        reason=refused.reason if refused else "",
    )
    if refused is not None:
        # The sequence number is used up, so the conversation can go on; nothing of the
        # message was applied, and a retry gets this same refusal.
        row.outcome, row.reason = InboxOutcome.REFUSED, refused.reason
        record(actor=None, action="federation.refuse", purpose=purpose)
        batch.logs.append((header.id, peer.instance_id, refused.reason))
        return _stored_answer(row)
    signing = ring().current(SIGNING)
    row.receipt = envelope.make_receipt(
        parsed,
        receiver=instance_id(),
        time=batch.now,
        signing_key=signing.signing(),
        signing_key_id=signing.id,
    ).decode()
    row.outcome = InboxOutcome.APPLIED
    # One event for the message applied and the receipt given for it (unless the handler
    # wrote it with the case's timeline entry).
    if memo.get(registry.AUDITED) != header.id:
        record(actor=None, action="federation.receive", purpose=purpose)
    return Answer(200, row.receipt.encode())


def parse_refusal(body: bytes) -> tuple[str, bool] | None:
    """The reason and retry flag of a peer's refusal, or None if the body is not one."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or data.get("reason") not in envelope.REASONS:
        return None
    return str(data["reason"]), bool(data.get("retry"))

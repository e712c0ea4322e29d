"""The outbox worker: claim, sign, send, store the receipt; back off and retry; give up at the
deadline and tell the focal point (DESIGN.md 6.5, 6.6).

Several workers may run at once (on SQLite and PostgreSQL): a message is claimed by a
compare-and-set update that must change exactly one row, with a lease, so no two workers send
it at the same time, and a worker that dies leaves it to be claimed again when the lease ends.
Messages of one conversation go out one at a time, in order.
"""

from __future__ import annotations

import logging
import random
import secrets
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from childpath.audit.services import record
from childpath.exchange import envelope, notify
from childpath.exchange.config import instance_id, ring
from childpath.exchange.inbox import parse_refusal
from childpath.exchange.keys import SIGNING, public_keys_of
from childpath.exchange.models import Delivery, OutboxMessage, PeerStatus
from childpath.exchange.outbox import audit_purpose, header_of

logger = logging.getLogger("childpath.federation")

LEASE = timedelta(seconds=60)
OPEN = (Delivery.PENDING, Delivery.SENDING)


@dataclass
class Counts:
    delivered: int = 0
    retried: int = 0
    refused: int = 0
    undeliverable: int = 0

    def add(self, other: Counts) -> None:
        self.delivered += other.delivered
        self.retried += other.retried
        self.refused += other.refused
        self.undeliverable += other.undeliverable

    @property
    def total(self) -> int:
        return self.delivered + self.retried + self.refused + self.undeliverable


def backoff(attempts: int) -> float:
    """Seconds before the next attempt: exponential, capped, with jitter so that many
    messages waiting for one peer do not all come back at the same moment."""
    base = float(settings.FEDERATION_RETRY_BASE)
    cap = float(settings.FEDERATION_RETRY_CAP)
    delay = min(cap, base * 2 ** max(0, attempts - 1))
    return float(delay * random.uniform(0.5, 1.0))  # noqa: S311  (jitter, not a secret)


def due(now: datetime, limit: int) -> list[UUID]:
    """Messages to try now: the first open one of each conversation, oldest due first."""
    earlier = OutboxMessage.objects.filter(
        conversation=OuterRef("conversation"), seq__lt=OuterRef("seq"), state__in=OPEN
    )
    rows = (
        OutboxMessage.objects.filter(state__in=OPEN, next_attempt_at__lte=now)
        .filter(Q(state=Delivery.PENDING) | Q(claimed_until__lt=now))
        .filter(~Exists(earlier))
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    return list(rows)


def claim(message_id: UUID, now: datetime) -> str | None:
    """Compare-and-set: the claim is ours only if exactly one row changed."""
    token = secrets.token_hex(16)
    changed = (
        OutboxMessage.objects.filter(pk=message_id, next_attempt_at__lte=now)
        .filter(Q(state=Delivery.PENDING) | Q(state=Delivery.SENDING, claimed_until__lt=now))
        .update(state=Delivery.SENDING, claim=token, claimed_until=now + LEASE)
    )
    return token if changed == 1 else None


Post = Callable[[str, bytes], tuple[int, bytes]]


def http_post(url: str, body: bytes) -> tuple[int, bytes]:
    request = urllib.request.Request(  # noqa: S310  (the peer's https address, from its card)
        url, data=body, method="POST", headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.FEDERATION_TIMEOUT) as response:  # noqa: S310
            return int(response.status), response.read(64 * 1024)
    except urllib.error.HTTPError as error:
        return int(error.code), error.read(64 * 1024)


def _owned(message: OutboxMessage, token: str) -> QuerySet[OutboxMessage]:
    return OutboxMessage.objects.filter(pk=message.pk, claim=token, state=Delivery.SENDING)


def _check_receipt(message: OutboxMessage, body: bytes) -> None:
    receipt, members = envelope.parse_receipt(body)
    if receipt.receipt_for != str(message.pk) or receipt.recipient != instance_id():
        raise envelope.Refused(envelope.MALFORMED, "receipt for another message")
    if receipt.sender != message.peer.instance_id:
        raise envelope.Refused(envelope.MALFORMED, "receipt from another instance")
    if receipt.digest != envelope.expected_digest(header_of(message), message.payload):
        raise envelope.Refused(envelope.MALFORMED, "receipt for other content")
    now = timezone.now()
    for key in public_keys_of({"keys": message.peer.keys}):
        if key.use == SIGNING and key.id == receipt.key and key.usable(now):
            envelope.verify_receipt(members, key.ed25519())
            return
    raise envelope.Refused(envelope.UNKNOWN_KEY, "receipt key")


def _delivered(message: OutboxMessage, token: str, receipt: bytes) -> bool:
    with transaction.atomic():
        changed = _owned(message, token).update(
            state=Delivery.DELIVERED,
            delivered_at=timezone.now(),
            receipt=receipt.decode(),
            claim="",
            claimed_until=None,
            next_attempt_at=None,
            last_error="",
        )
        if changed != 1:
            return False
        record(
            actor=None,
            action="federation.receipt",
            case_reference=message.case_reference,
            purpose=audit_purpose(
                peer=message.peer.instance_id,
                message_type=message.type,
                message_id=str(message.pk),
                conversation=str(message.conversation_id),
            ),
        )
    return True


def _failed(message: OutboxMessage, token: str, reason: str, *, final: bool) -> str:
    """Retry later, or stop: refused for good by the peer, or past the deadline."""
    now = timezone.now()
    attempts = message.attempts + 1
    if not final and now < message.deadline:
        retry_at = min(now + timedelta(seconds=backoff(attempts)), message.deadline)
        _owned(message, token).update(
            state=Delivery.PENDING,
            attempts=attempts,
            next_attempt_at=retry_at,
            claim="",
            claimed_until=None,
            last_error=reason,
        )
        return "retried"
    state = Delivery.REFUSED if final else Delivery.UNDELIVERABLE
    with transaction.atomic():
        changed = _owned(message, token).update(
            state=state,
            attempts=attempts,
            next_attempt_at=None,
            claim="",
            claimed_until=None,
            last_error=reason,
        )
        if changed != 1:
            return "lost"
        record(
            actor=None,
            action=f"federation.{state}",
            case_reference=message.case_reference,
            purpose=audit_purpose(
                peer=message.peer.instance_id,
                message_type=message.type,
                message_id=str(message.pk),
                conversation=str(message.conversation_id),
                reason=reason,
            ),
        )
        notify.delivery_failed(message, state=state, reason=reason)
    logger.warning("federation: message %s to %s %s (%s)", message.pk, message.peer, state, reason)
    return str(state)


def attempt(message: OutboxMessage, token: str, post: Post) -> str:
    """One delivery attempt of a claimed message. Returns what became of it."""
    if message.peer.status != PeerStatus.ACTIVE:
        return _failed(message, token, "peer_not_active", final=False)
    signing = ring().current(SIGNING)
    body = envelope.sign(
        header_of(message),
        payload=message.payload,
        time=timezone.now(),
        signing_key=signing.signing(),
        signing_key_id=signing.id,
    )
    try:
        status, answer = post(message.peer.address, body)
    except (OSError, urllib.error.URLError) as error:
        return _failed(message, token, f"network:{type(error).__name__}"[:40], final=False)
    if status == 200:
        try:
            _check_receipt(message, answer)
        except envelope.Refused as error:
            return _failed(message, token, f"receipt:{error.reason}"[:40], final=False)
        return "delivered" if _delivered(message, token, answer) else "lost"
    refusal = parse_refusal(answer)
    if refusal is None:
        return _failed(message, token, f"http_{status}", final=False)
    reason, retry = refusal
    return _failed(message, token, reason, final=not retry)


def _next_in_conversation(message: OutboxMessage) -> OutboxMessage | None:
    return (
        OutboxMessage.objects.select_related("peer")
        .filter(conversation_id=message.conversation_id, seq=message.seq + 1)
        .first()
    )


def _work(message_id: UUID, post: Post) -> Counts:
    """Send one message and, while they succeed, the next ones of its conversation."""
    counts = Counts()
    try:
        current: UUID | None = message_id
        while current is not None:
            now = timezone.now()
            token = claim(current, now)
            if token is None:
                break
            message = OutboxMessage.objects.select_related("peer").get(pk=current)
            outcome = attempt(message, token, post)
            if outcome == "delivered":
                counts.delivered += 1
            elif outcome == "retried":
                counts.retried += 1
            elif outcome == Delivery.REFUSED:
                counts.refused += 1
            elif outcome == Delivery.UNDELIVERABLE:
                counts.undeliverable += 1
            following = _next_in_conversation(message) if outcome == "delivered" else None
            current = following.pk if following is not None else None
    except Exception:
        logger.exception("federation: the worker failed on message %s", message_id)
    return counts


def _work_in_thread(message_id: UUID, post: Post) -> Counts:
    try:
        return _work(message_id, post)
    finally:
        # Each thread has its own database connection: close it with the thread's work.
        connection.close()


def run_once(*, limit: int = 200, threads: int = 4, post: Post = http_post) -> Counts:
    """One sweep: every message due now (at most ``limit``), sent by ``threads`` at a time."""
    ids = due(timezone.now(), limit)
    total = Counts()
    if not ids:
        return total
    if threads <= 1 or len(ids) == 1:
        for message_id in ids:
            total.add(_work(message_id, post))
        return total
    with ThreadPoolExecutor(max_workers=threads) as pool:
        for counts in pool.map(lambda i: _work_in_thread(i, post), ids):
            total.add(counts)
    return total

"""The outbox worker: claim, sign, send, store the receipt; back off and retry; give up at the
deadline and tell the focal point (DESIGN.md 6.5, 6.6).

Several workers may run at once (on SQLite and PostgreSQL): a message is claimed by a
compare-and-set update that must change exactly one row, with a lease, so no two workers send
it at the same time, and a worker that dies leaves it to be claimed again when the lease ends.
Messages of one conversation go out one at a time, in order.
"""

from __future__ import annotations

import http.client
import logging
import random
import secrets
import ssl
import threading
import time
import urllib.error
import urllib.parse
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

# Keep-alive: connections to each peer's origin, reused between deliveries and sweeps (one
# request at a time on each). One idle for longer than this is not reused: the server may
# have closed it, and a POST on a dead connection would fail an attempt for nothing.
IDLE = 1.5
MAX_ANSWER = 1024 * 1024
_pool: dict[tuple[str, str, int], list[tuple[float, http.client.HTTPConnection]]] = {}
_pool_lock = threading.Lock()


def _connection(scheme: str, host: str, port: int) -> http.client.HTTPConnection:
    with _pool_lock:
        idle = _pool.get((scheme, host, port), [])
        while idle:
            used_at, connection = idle.pop()
            if time.monotonic() - used_at < IDLE:
                return connection
            connection.close()
    timeout = float(settings.FEDERATION_TIMEOUT)
    if scheme == "https":
        return http.client.HTTPSConnection(
            host, port, timeout=timeout, context=ssl.create_default_context()
        )
    return http.client.HTTPConnection(host, port, timeout=timeout)


def _give_back(origin: tuple[str, str, int], connection: http.client.HTTPConnection) -> None:
    with _pool_lock:
        _pool.setdefault(origin, []).append((time.monotonic(), connection))


def http_post(url: str, body: bytes) -> tuple[int, bytes]:
    """POST to a peer's inbox over a kept-alive connection (a new one if none is idle)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise urllib.error.URLError(f"not an http(s) address: {parts.scheme}")
    origin = (parts.scheme, parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    connection = _connection(*origin)
    try:
        connection.request("POST", path, body, {"Content-Type": "application/json"})
        response = connection.getresponse()
        answer = response.read(MAX_ANSWER + 1)
    except BaseException:
        connection.close()
        raise
    if len(answer) > MAX_ANSWER or response.will_close:
        connection.close()
    else:
        _give_back(origin, connection)
    return int(response.status), answer[:MAX_ANSWER]


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
    # No savepoint inside a batch's transaction: nothing is written unless the update is ours.
    with transaction.atomic(savepoint=False):
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


def _signed(message: OutboxMessage) -> bytes:
    signing = ring().current(SIGNING)
    return envelope.sign(
        header_of(message),
        payload=message.payload,
        time=timezone.now(),
        signing_key=signing.signing(),
        signing_key_id=signing.id,
    )


def _network_error(error: BaseException) -> str:
    return f"network:{type(error).__name__}"[:40]


def attempt(message: OutboxMessage, token: str, post: Post) -> str:
    """One delivery attempt of a claimed message, in the single form. Returns what became
    of it."""
    if message.peer.status != PeerStatus.ACTIVE:
        return _failed(message, token, "peer_not_active", final=False)
    try:
        status, answer = post(message.peer.address, _signed(message))
    except (OSError, urllib.error.URLError, http.client.HTTPException) as error:
        return _failed(message, token, _network_error(error), final=False)
    return _outcome(message, token, status, answer)


def _outcome(message: OutboxMessage, token: str, status: int, answer: bytes) -> str:
    """What a peer's answer to one envelope (alone or in a batch) makes of the message."""
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


def _count(counts: Counts, outcome: str) -> None:
    if outcome == "delivered":
        counts.delivered += 1
    elif outcome == "retried":
        counts.retried += 1
    elif outcome == Delivery.REFUSED:
        counts.refused += 1
    elif outcome == Delivery.UNDELIVERABLE:
        counts.undeliverable += 1


# Batches ----------------------------------------------------------------------------------

# Envelopes per delivery: the receiver applies a batch in one transaction, so a batch much
# larger holds its database lock longer without saving much more.
BATCH = envelope.MAX_BATCH_ENVELOPES
# Peers that refused a batch as an unsupported protocol (an instance that speaks only
# childpath-federation/1): sent one envelope at a time until this worker restarts.
_single_only: set[str] = set()


@dataclass
class Run:
    """Consecutive open messages of one conversation, to go out together, in order."""

    ids: list[UUID]


def plan(now: datetime, limit: int, size: int = BATCH, parts: int = 1) -> list[list[Run]]:
    """What to send in this sweep: batches of runs, each batch for one peer.

    The heads are the first open message of each conversation, due now (``due``); each head
    brings the messages that follow it in its conversation, while they are waiting, so a
    conversation with a backlog drains a run at a time. A peer's heads are shared among
    ``parts`` batches (for the worker's threads) and each run is small enough for its batch
    to hold at most ``size`` envelopes; a run is never split between two batches, which go
    out at the same time."""
    heads = list(
        OutboxMessage.objects.filter(pk__in=due(now, limit))
        .order_by("next_attempt_at")
        .values_list("pk", "conversation_id", "seq", "peer_id")
    )
    by_peer: dict[UUID, list[tuple[UUID, UUID, int]]] = {}
    for pk, conversation, seq, peer in heads:
        by_peer.setdefault(peer, []).append((pk, conversation, seq))
    batches: list[list[Run]] = []
    for peer_heads in by_peer.values():
        groups = [peer_heads[i::parts] for i in range(min(parts, len(peer_heads)))]
        for group in groups:
            batch: list[Run] = []
            count = 0
            for run in _runs(group, max(1, size // len(group))):
                if batch and count + len(run.ids) > size:
                    batches.append(batch)
                    batch, count = [], 0
                batch.append(run)
                count += len(run.ids)
            if batch:
                batches.append(batch)
    return batches


def _runs(heads: list[tuple[UUID, UUID, int]], window: int) -> list[Run]:
    runs = {conversation: Run([pk]) for pk, conversation, _seq in heads}
    if window > 1:
        condition = Q()
        for _pk, conversation, seq in heads:
            condition |= Q(conversation_id=conversation, seq__gt=seq, seq__lt=seq + window)
        followers = (
            OutboxMessage.objects.filter(condition)
            .order_by("conversation_id", "seq")
            .values_list("pk", "conversation_id", "seq", "state")
        )
        last = {conversation: seq for _pk, conversation, seq in heads}
        for pk, conversation, seq, state in followers:
            # Only an unbroken run of waiting messages: one being sent by another worker,
            # or a gap, ends it.
            if last.get(conversation) == seq - 1 and state == Delivery.PENDING:
                runs[conversation].ids.append(pk)
                last[conversation] = seq
            else:
                last.pop(conversation, None)
    return list(runs.values())


def claim_batch(runs: list[Run], now: datetime) -> tuple[str, list[OutboxMessage]]:
    """Compare-and-set for a whole batch: the messages still free become ours (the heads
    only if still due). Of each run, only the part up to the first message another worker
    took is kept; the rest is let go at once."""
    token = secrets.token_hex(16)
    heads = [run.ids[0] for run in runs]
    followers = [pk for run in runs for pk in run.ids[1:]]
    OutboxMessage.objects.filter(pk__in=heads + followers).filter(
        Q(state=Delivery.PENDING) | Q(state=Delivery.SENDING, claimed_until__lt=now)
    ).filter(Q(next_attempt_at__lte=now) | Q(pk__in=followers)).update(
        state=Delivery.SENDING, claim=token, claimed_until=now + LEASE
    )
    owned = {
        message.pk: message
        for message in OutboxMessage.objects.select_related("peer").filter(
            claim=token, state=Delivery.SENDING
        )
    }
    ordered, released = [], []
    for run in runs:
        broken = False
        for pk in run.ids:
            if pk not in owned:
                broken = True
            elif broken:
                released.append(pk)
            else:
                ordered.append(owned[pk])
    if released:
        _release(released, token)
    return token, ordered


def _release(ids: list[UUID], token: str) -> None:
    """Give claimed messages back untried (no attempt counted, no backoff)."""
    OutboxMessage.objects.filter(pk__in=ids, claim=token, state=Delivery.SENDING).update(
        state=Delivery.PENDING, claim="", claimed_until=None
    )


def _chunks(messages: list[OutboxMessage]) -> list[list[tuple[OutboxMessage, bytes]]]:
    """The signed envelopes, in as few batches as the byte cap allows, in order."""
    chunks: list[list[tuple[OutboxMessage, bytes]]] = [[]]
    size = 64
    for message in messages:
        body = _signed(message)
        if chunks[-1] and (
            size + len(body) + 1 > envelope.MAX_BATCH_BYTES
            or len(chunks[-1]) >= envelope.MAX_BATCH_ENVELOPES
        ):
            chunks.append([])
            size = 64
        chunks[-1].append((message, body))
        size += len(body) + 1
    return chunks


def send_batch(messages: list[OutboxMessage], token: str, post: Post) -> Counts:
    """Deliver claimed messages of one peer: in batches, or one by one to a peer that
    speaks only the single form. A message whose earlier message in the same conversation
    was not delivered is let go untried (the peer would refuse it as out of order)."""
    counts = Counts()
    if not messages:
        return counts
    peer = messages[0].peer
    stuck: set[UUID] = set()
    for chunk in _chunks(messages):
        waiting = [(m, b) for m, b in chunk if m.conversation_id not in stuck]
        _release([m.pk for m, _b in chunk if m.conversation_id in stuck], token)
        counts.retried += len(chunk) - len(waiting)
        if not waiting:
            continue
        single = len(waiting) == 1 or peer.instance_id in _single_only
        if single or peer.status != PeerStatus.ACTIVE:
            outcomes = _one_by_one(waiting, token, post, stuck)
        else:
            outcomes = _as_batch(waiting, token, post, stuck)
        for outcome in outcomes:
            _count(counts, outcome)
    return counts


def _one_by_one(
    chunk: list[tuple[OutboxMessage, bytes]], token: str, post: Post, stuck: set[UUID]
) -> list[str]:
    outcomes = []
    for message, _body in chunk:
        if message.conversation_id in stuck:
            _release([message.pk], token)
            outcomes.append("retried")
            continue
        outcome = attempt(message, token, post)
        if outcome != "delivered":
            stuck.add(message.conversation_id)
        outcomes.append(outcome)
    return outcomes


def _as_batch(
    chunk: list[tuple[OutboxMessage, bytes]], token: str, post: Post, stuck: set[UUID]
) -> list[str]:
    peer = chunk[0][0].peer
    try:
        status, answer = post(peer.address, envelope.batch([body for _m, body in chunk]))
    except (OSError, urllib.error.URLError, http.client.HTTPException) as error:
        return _all_failed(chunk, token, _network_error(error), stuck)
    if status != 200:
        refusal = parse_refusal(answer)
        if refusal is not None and refusal[0] == envelope.UNSUPPORTED_PROTOCOL:
            # A peer of childpath-federation/1 only: the single form from now on.
            logger.info("federation: %s takes one envelope at a time", peer.instance_id)
            _single_only.add(peer.instance_id)
            return _one_by_one(chunk, token, post, stuck)
        reason = refusal[0] if refusal else f"http_{status}"
        # A batch refused as a whole (busy, too large): every message is tried again.
        return _all_failed(chunk, token, reason, stuck)
    try:
        results = envelope.parse_batch_answer(answer, len(chunk))
    except envelope.Refused as error:
        return _all_failed(chunk, token, f"answer:{error.reason}", stuck)
    outcomes = []
    # One transaction for the receipts and retries of the whole batch: one commit.
    with transaction.atomic():
        for (message, _body), result in zip(chunk, results, strict=True):
            if message.conversation_id in stuck and "receipt_for" not in result:
                # Refused because an earlier message of its conversation was not applied.
                _release([message.pk], token)
                outcomes.append("retried")
                continue
            status = 200 if "receipt_for" in result else 409
            outcome = _outcome(message, token, status, envelope.canonical(result))
            if outcome != "delivered":
                stuck.add(message.conversation_id)
            outcomes.append(outcome)
    return outcomes


def _all_failed(
    chunk: list[tuple[OutboxMessage, bytes]], token: str, reason: str, stuck: set[UUID]
) -> list[str]:
    outcomes = []
    with transaction.atomic():
        for message, _body in chunk:
            if message.conversation_id in stuck:
                _release([message.pk], token)
                outcomes.append("retried")
                continue
            outcomes.append(_failed(message, token, reason, final=False))
            stuck.add(message.conversation_id)
    return outcomes


def _work(runs: list[Run], post: Post) -> Counts:
    try:
        token, messages = claim_batch(runs, timezone.now())
        return send_batch(messages, token, post)
    except Exception:
        logger.exception("federation: the worker failed on a batch of %d", len(runs))
        return Counts()


def _work_in_thread(runs: list[Run], post: Post) -> Counts:
    try:
        return _work(runs, post)
    finally:
        # Each thread has its own database connection: close it with the thread's work.
        connection.close()


def run_once(
    *, limit: int = 200, threads: int = 4, post: Post = http_post, batch: int = BATCH
) -> Counts:
    """One sweep: every conversation with a message due now (at most ``limit``), each with
    the messages queued behind it, in batches of at most ``batch``, ``threads`` at a time."""
    batches = plan(timezone.now(), limit, batch, parts=max(1, threads))
    total = Counts()
    if threads <= 1 or len(batches) <= 1:
        for runs in batches:
            total.add(_work(runs, post))
        return total
    with ThreadPoolExecutor(max_workers=threads) as pool:
        for counts in pool.map(lambda runs: _work_in_thread(runs, post), batches):
            total.add(counts)
    return total

"""The outbox worker: claim by compare-and-set, deliver in order, store receipts, back off,
give up at the deadline and tell the focal point."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from childpath.audit.models import AuditEvent
from childpath.exchange import delivery, envelope, outbox
from childpath.exchange.inbox import refusal_body
from childpath.exchange.models import Delivery, OutboxMessage, PeerStatus


def queue(peer, count=1, conversation=None):
    with transaction.atomic():
        conversation = conversation or outbox.start_conversation(peer=peer, kind="referral")
        return [
            outbox.enqueue(
                conversation=conversation,
                message_type="status.update",
                payload={"text": f"Fictional update {n}."},
                case_reference="CP-TEST-0001",
            )
            for n in range(count)
        ]


def receiving(sim, seen=None, posts=None, refuse=None):
    """The peer: a receipt for each envelope, alone or in a batch (``refuse``: the texts it
    refuses, finally, as a state that does not allow them)."""

    def one(body):
        parsed, payload = sim.open(body)
        if seen is not None:
            seen.append((parsed.header.seq, payload["text"]))
        if refuse and payload["text"] in refuse:
            return refusal_body(envelope.INVALID_STATE, parsed.id)
        return sim.receipt(body)

    def post(url, body):
        envelopes = sim.deliveries(body)
        if posts is not None:
            posts.append(len(envelopes))
        return sim.answer(body, [one(e) for e in envelopes])

    return post


def test_it_delivers_and_stores_the_signed_receipt(peer, sim):
    [message] = queue(peer)
    counts = delivery.run_once(threads=1, post=receiving(sim))
    assert counts.delivered == 1
    message.refresh_from_db()
    assert message.state == Delivery.DELIVERED
    assert envelope.parse_receipt(message.receipt.encode())[0].receipt_for == str(message.pk)
    assert AuditEvent.objects.filter(action="federation.receipt").count() == 1


def test_it_encrypts_the_payload_for_the_peer_only(peer, sim):
    [message] = queue(peer)
    assert "Fictional" not in message.payload


def test_it_sends_a_conversation_in_order(peer, sim):
    seen: list[tuple[int, str]] = []
    queue(peer, count=5)
    delivery.run_once(threads=1, post=receiving(sim, seen))
    assert [seq for seq, _ in seen] == [1, 2, 3, 4, 5]


def test_it_does_not_send_a_later_message_before_an_earlier_one_is_delivered(peer, sim):
    first, _second = queue(peer, count=2)
    OutboxMessage.objects.filter(pk=first.pk).update(
        next_attempt_at=timezone.now() + timedelta(hours=1)
    )
    assert delivery.due(timezone.now(), 10) == []


def test_it_claims_a_message_once(peer):
    [message] = queue(peer)
    now = timezone.now()
    assert delivery.claim(message.pk, now) is not None
    assert delivery.claim(message.pk, now) is None


def test_it_claims_again_after_a_worker_died(peer):
    [message] = queue(peer)
    delivery.claim(message.pk, timezone.now())
    later = timezone.now() + delivery.LEASE + timedelta(seconds=1)
    assert delivery.claim(message.pk, later) is not None


def test_it_backs_off_after_a_network_failure(peer):
    [message] = queue(peer)

    def down(url, body):
        raise ConnectionRefusedError

    counts = delivery.run_once(threads=1, post=down)
    message.refresh_from_db()
    assert counts.retried == 1
    assert message.state == Delivery.PENDING
    assert message.attempts == 1
    assert message.next_attempt_at > timezone.now()
    assert message.last_error.startswith("network")


def test_it_grows_the_backoff_exponentially_with_jitter(settings):
    settings.FEDERATION_RETRY_BASE = 2.0
    settings.FEDERATION_RETRY_CAP = 1000.0
    assert 1.0 <= delivery.backoff(1) <= 2.0
    assert 8.0 <= delivery.backoff(4) <= 16.0
    assert delivery.backoff(30) <= 1000.0


def test_it_retries_a_refusal_marked_for_retry(peer):
    [message] = queue(peer)
    counts = delivery.run_once(
        threads=1,
        post=lambda url, body: (409, refusal_body(envelope.OUT_OF_ORDER, str(message.pk))),
    )
    assert counts.retried == 1


def test_it_stops_at_a_final_refusal_and_tells_the_focal_point(
    peer, focal, django_capture_on_commit_callbacks
):
    [message] = queue(peer)
    with django_capture_on_commit_callbacks(execute=True):
        delivery.run_once(
            threads=1,
            post=lambda url, body: (403, refusal_body(envelope.BAD_SIGNATURE, str(message.pk))),
        )
    message.refresh_from_db()
    assert message.state == Delivery.REFUSED
    assert message.last_error == envelope.BAD_SIGNATURE
    assert len(mail.outbox) == 1
    assert "Fictional" not in mail.outbox[0].body


def test_it_gives_up_at_the_deadline(peer, focal, django_capture_on_commit_callbacks):
    [message] = queue(peer)
    OutboxMessage.objects.filter(pk=message.pk).update(deadline=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        delivery.run_once(threads=1, post=lambda url, body: (503, b"down"))
    message.refresh_from_db()
    assert message.state == Delivery.UNDELIVERABLE
    assert AuditEvent.objects.filter(action="federation.undeliverable").count() == 1
    assert len(mail.outbox) == 1


def test_it_holds_messages_for_a_suspended_peer(peer, sim):
    [message] = queue(peer)
    peer.status = PeerStatus.SUSPENDED
    peer.save()
    delivery.run_once(threads=1, post=receiving(sim))
    message.refresh_from_db()
    assert message.state == Delivery.PENDING
    assert message.last_error == "peer_not_active"


def test_it_does_not_accept_a_receipt_signed_by_someone_else(peer, sim, ring):
    [message] = queue(peer)

    def forged(url, body):
        parsed = envelope.parse(body)
        signing = ring.current("sig")
        return 200, envelope.make_receipt(
            parsed,
            receiver=peer.instance_id,
            time=timezone.now(),
            signing_key=signing.signing(),
            signing_key_id=signing.id,
        )

    delivery.run_once(threads=1, post=forged)
    message.refresh_from_db()
    assert message.state == Delivery.PENDING
    assert message.last_error.startswith("receipt")


@pytest.mark.django_db(transaction=True)
def test_it_refuses_to_queue_outside_a_transaction(peer):
    conversation = outbox.start_conversation(peer=peer, kind="referral")
    with pytest.raises(RuntimeError):
        outbox.enqueue(conversation=conversation, message_type="status.update", payload={})

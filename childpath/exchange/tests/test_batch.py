"""Batches (profile childpath-federation/2): several envelopes in one delivery, each still
verified, applied once and receipted on its own; one bad envelope refuses only itself."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction
from django.test import Client

from childpath.audit.models import AuditEvent
from childpath.exchange import delivery, envelope, keys, outbox
from childpath.exchange.inbox import refusal_body
from childpath.exchange.models import (
    CrossBorderReferral,
    Delivery,
    Entry,
    InboxMessage,
    OutboxMessage,
)
from childpath.exchange.tests.conftest import request_payload


def post(body: bytes):
    return Client().post("/federation/inbox", data=body, content_type="application/json")


def results(response) -> list[dict[str, object]]:
    assert response.status_code == 200
    count = len(json.loads(response.content)["results"])
    return envelope.parse_batch_answer(response.content, count)


def test_it_applies_each_envelope_of_a_batch_with_its_own_receipt(peer, sim):
    request = sim.seal("referral.request", request_payload())
    conversation = envelope.parse(request).header.conversation
    updates = [
        sim.seal("status.update", {"text": f"Fictional {n}."}, conversation=conversation, seq=n)
        for n in (2, 3)
    ]
    answers = results(post(envelope.batch([request, *updates])))
    assert [a["receipt_for"] for a in answers] == [
        envelope.parse(b).id for b in (request, *updates)
    ]
    for answer in answers:
        _, members = envelope.parse_receipt(envelope.canonical(answer))
        envelope.verify_receipt(members, sim.our_ring.current(keys.SIGNING).public().ed25519())
    referral = CrossBorderReferral.objects.get()
    assert Entry.objects.filter(referral=referral).count() == 3
    assert InboxMessage.objects.count() == 3


def test_it_refuses_only_the_bad_envelope_with_its_reason(peer, sim):
    good, other = (sim.seal("referral.request", request_payload()) for _ in range(2))
    stranger = keys.generate(keys.SIGNING, sim.ring.current(keys.SIGNING).created)
    forged = json.loads(sim.seal("referral.request", request_payload()))
    forged["seq"] = 2  # changed after signing
    answers = results(post(envelope.batch([good, envelope.canonical(forged), other])))
    assert "receipt_for" in answers[0] and "receipt_for" in answers[2]
    assert answers[1] == {
        "protocol": envelope.PROTOCOL,
        "reason": envelope.BAD_SIGNATURE,
        "refused": forged["id"],
        "retry": False,
    }
    assert CrossBorderReferral.objects.count() == 2
    assert AuditEvent.objects.filter(action="federation.refuse").count() == 1
    unknown = sim.seal("referral.request", request_payload(), signer=stranger)
    [answer] = results(post(envelope.batch([unknown])))
    assert (answer["reason"], answer["retry"]) == (envelope.UNKNOWN_KEY, True)


def test_it_answers_a_repeat_in_a_batch_with_the_same_receipt_and_applies_it_once(peer, sim):
    body = sim.seal("referral.request", request_payload())
    first, second = results(post(envelope.batch([body, body])))
    assert first == second
    [again] = results(post(envelope.batch([body])))
    assert again == first
    assert CrossBorderReferral.objects.count() == 1


def test_it_keeps_the_order_of_a_conversation_within_a_batch(peer, sim):
    request = sim.seal("referral.request", request_payload())
    conversation = envelope.parse(request).header.conversation
    late, early = (
        sim.seal("status.update", {"text": "Fictional."}, conversation=conversation, seq=n)
        for n in (3, 2)
    )
    answers = results(post(envelope.batch([request, late, early])))
    assert (answers[1]["reason"], answers[1]["retry"]) == (envelope.OUT_OF_ORDER, True)
    assert "receipt_for" in answers[2]
    assert "receipt_for" in results(post(envelope.batch([late])))[0]


def test_it_refuses_a_batch_of_more_than_a_hundred_as_a_whole(peer, sim):
    body = sim.seal("referral.request", request_payload())
    container = {"protocol": envelope.BATCH_PROTOCOL, "envelopes": [json.loads(body)] * 101}
    response = post(envelope.canonical(container))
    assert response.status_code == 413
    assert json.loads(response.content)["reason"] == envelope.OVERSIZED
    assert not CrossBorderReferral.objects.exists()


@pytest.mark.parametrize(
    "container",
    [
        {"protocol": envelope.BATCH_PROTOCOL, "envelopes": []},
        {"protocol": envelope.BATCH_PROTOCOL, "envelopes": "none"},
        {"protocol": envelope.BATCH_PROTOCOL, "envelopes": [{}], "extra": 1},
    ],
)
def test_it_refuses_a_malformed_batch(peer, container):
    response = post(envelope.canonical(container))
    assert response.status_code == 400
    assert json.loads(response.content)["reason"] == envelope.MALFORMED


def test_it_refuses_a_malformed_envelope_inside_a_batch_alone(peer, sim):
    good = sim.seal("referral.request", request_payload())
    container = {"protocol": envelope.BATCH_PROTOCOL, "envelopes": [{"id": 1}, json.loads(good)]}
    answers = results(post(envelope.canonical(container)))
    assert (answers[0]["reason"], answers[0]["refused"]) == (envelope.MALFORMED, None)
    assert "receipt_for" in answers[1]


# The sender -------------------------------------------------------------------------------


def queue(peer, count, conversation=None):
    with transaction.atomic():
        conversation = conversation or outbox.start_conversation(peer=peer, kind="referral")
        return [
            outbox.enqueue(
                conversation=conversation,
                message_type="status.update",
                payload={"text": f"Fictional update {n}."},
            )
            for n in range(count)
        ]


def peer_answering(sim, *, refuse=(), posts=None, batches=True):
    def one(body):
        parsed, payload = sim.open(body)
        if payload["text"] in refuse:
            return refusal_body(envelope.INVALID_STATE, parsed.id)
        return sim.receipt(body)

    def answer(url, body):
        envelopes = sim.deliveries(body)
        if posts is not None:
            posts.append(len(envelopes))
        if not batches and envelope.is_batch(json.loads(body)):
            return 400, refusal_body(envelope.UNSUPPORTED_PROTOCOL, None)
        return sim.answer(body, [one(e) for e in envelopes])

    return answer


def states(messages):
    return [OutboxMessage.objects.get(pk=m.pk).state for m in messages]


def test_it_sends_a_conversations_backlog_in_one_delivery(peer, sim):
    posts: list[int] = []
    messages = queue(peer, 7)
    counts = delivery.run_once(threads=1, post=peer_answering(sim, posts=posts))
    assert (counts.delivered, posts) == (7, [7])
    assert states(messages) == [Delivery.DELIVERED] * 7
    assert AuditEvent.objects.filter(action="federation.receipt").count() == 7


def test_it_shares_conversations_among_the_threads_batches(peer, sim):
    for _ in range(6):
        queue(peer, 2)
    plan = delivery.plan(delivery.timezone.now(), 200, parts=3)
    assert len(plan) == 3
    assert sorted(len(runs) for runs in plan) == [2, 2, 2]
    assert all(len(run.ids) == 2 for runs in plan for run in runs)


def test_it_bounds_a_batch(peer, sim):
    queue(peer, 130)
    posts: list[int] = []
    delivery.run_once(threads=1, post=peer_answering(sim, posts=posts))
    delivery.run_once(threads=1, post=peer_answering(sim, posts=posts))
    assert posts == [100, 30]


def test_it_goes_on_after_a_message_the_peer_refused_for_good(peer, sim):
    messages = queue(peer, 3)
    delivery.run_once(threads=1, post=peer_answering(sim, refuse={"Fictional update 1."}))
    assert states(messages) == [Delivery.DELIVERED, Delivery.REFUSED, Delivery.DELIVERED]


def test_it_retries_a_lost_batch_counting_one_attempt_for_the_first_only(peer):
    messages = queue(peer, 3)

    def down(url, body):
        raise ConnectionResetError

    counts = delivery.run_once(threads=1, post=down)
    assert counts.retried == 3
    rows = [OutboxMessage.objects.get(pk=m.pk) for m in messages]
    assert [r.state for r in rows] == [Delivery.PENDING] * 3
    assert [r.attempts for r in rows] == [1, 0, 0]
    assert rows[0].last_error.startswith("network")


def test_it_falls_back_to_one_envelope_at_a_time_for_a_peer_of_profile_1(peer, sim):
    posts: list[int] = []
    messages = queue(peer, 3)
    try:
        delivery.run_once(threads=1, post=peer_answering(sim, posts=posts, batches=False))
        assert states(messages) == [Delivery.DELIVERED] * 3
        assert posts == [3, 1, 1, 1]
        assert peer.instance_id in delivery._single_only
    finally:
        delivery._single_only.discard(peer.instance_id)


def test_it_does_not_claim_what_another_worker_holds(peer):
    first, second, third = queue(peer, 3)
    runs = delivery.plan(delivery.timezone.now(), 10)[0]
    OutboxMessage.objects.filter(pk=second.pk).update(
        state=Delivery.SENDING,
        claim="another",
        claimed_until=delivery.timezone.now() + delivery.LEASE,
    )
    _token, mine = delivery.claim_batch(runs, delivery.timezone.now())
    assert [m.pk for m in mine] == [first.pk]
    assert OutboxMessage.objects.get(pk=third.pk).state == Delivery.PENDING


# Keep-alive -------------------------------------------------------------------------------


def test_it_keeps_the_connection_to_a_peer_alive(settings):
    connections: set[int] = set()

    class Inbox(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            return

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            connections.add(id(self.connection))
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Inbox)  # a free port from the system
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/federation/inbox"
        answers = [delivery.http_post(url, b"{}") for _ in range(3)]
    finally:
        server.shutdown()
        server.server_close()
    assert answers == [(200, b"{}")] * 3
    assert len(connections) == 1


def test_it_refuses_to_post_to_anything_but_http(settings):
    with pytest.raises(OSError):
        delivery.http_post("file:///etc/passwd", b"{}")


def test_the_batch_answer_must_have_one_result_per_envelope():
    with pytest.raises(envelope.Refused):
        envelope.parse_batch_answer(envelope.batch_answer([b"{}"]), 2)

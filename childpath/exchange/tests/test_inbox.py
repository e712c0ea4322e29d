"""The inbox at /federation/inbox: verify, decrypt, check, apply once, receipt; every refusal."""

import json
import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from childpath.audit.models import AuditEvent
from childpath.exchange import envelope, keys
from childpath.exchange.models import CrossBorderReferral, InboxMessage, PeerStatus
from childpath.exchange.tests.conftest import request_payload

URL = "/federation/inbox"


def post(body: bytes):
    return Client().post(URL, data=body, content_type="application/json")


def reason(response) -> str:
    return json.loads(response.content)["reason"]


def test_it_applies_a_request_and_answers_with_a_signed_receipt(peer, sim):
    body = sim.seal("referral.request", request_payload())
    response = post(body)
    assert response.status_code == 200
    receipt, members = envelope.parse_receipt(response.content)
    envelope.verify_receipt(members, sim.our_ring.current(keys.SIGNING).public().ed25519())
    assert receipt.receipt_for == envelope.parse(body).id
    referral = CrossBorderReferral.objects.get()
    assert referral.remote_reference == "CP-TEST-RS01"
    assert referral.case is None  # no case, and no name, until acceptance


def test_it_gives_a_duplicate_the_same_receipt_and_applies_it_once(peer, sim):
    body = sim.seal("referral.request", request_payload())
    first = post(body)
    second = post(body)
    assert second.status_code == 200
    assert second.content == first.content
    assert CrossBorderReferral.objects.count() == 1
    assert InboxMessage.objects.count() == 1


def test_it_recognises_a_retry_signed_again_later(peer, sim):
    message_id, conversation = str(uuid.uuid4()), str(uuid.uuid4())
    post(
        sim.seal(
            "referral.request", request_payload(), message_id=message_id, conversation=conversation
        )
    )
    again = sim.seal(
        "referral.request", request_payload(), message_id=message_id, conversation=conversation
    )
    # Encrypted afresh, so the content differs: the same id with other content is refused.
    assert reason(post(again)) == envelope.ID_REUSED
    assert CrossBorderReferral.objects.count() == 1


def test_it_audits_the_message_without_its_contents(peer, sim):
    post(sim.seal("referral.request", request_payload()))
    event = AuditEvent.objects.get(action="federation.receive")
    assert "peer=childpath-rs-test" in event.purpose
    assert "Fictional" not in event.purpose


def test_it_refuses_an_unknown_sender(db, sim, ring):
    response = post(sim.seal("referral.request", request_payload()))
    assert response.status_code == 403
    assert reason(response) == envelope.UNKNOWN_SENDER


def test_it_refuses_a_peer_not_yet_confirmed(peer, sim):
    peer.status = PeerStatus.PENDING
    peer.save()
    assert reason(post(sim.seal("referral.request", request_payload()))) == envelope.UNKNOWN_SENDER


def test_it_refuses_a_suspended_peer(peer, sim):
    peer.status = PeerStatus.SUSPENDED
    peer.save()
    assert (
        reason(post(sim.seal("referral.request", request_payload()))) == envelope.SUSPENDED_SENDER
    )
    assert CrossBorderReferral.objects.count() == 0


def test_it_refuses_a_message_for_another_recipient(peer, sim):
    body = sim.seal("referral.request", request_payload(), recipient="childpath-bg-test")
    assert reason(post(body)) == envelope.WRONG_RECIPIENT


def test_it_refuses_a_bad_signature(peer, sim):
    members = json.loads(sim.seal("referral.request", request_payload()))
    members["seq"] = 1
    members["reply_to"] = str(uuid.uuid4())
    response = post(envelope.canonical(members))
    assert response.status_code == 403
    assert reason(response) == envelope.BAD_SIGNATURE


def test_it_refuses_an_unknown_signing_key_for_a_retry(peer, sim):
    stranger = keys.generate(keys.SIGNING, timezone.now())
    response = post(sim.seal("referral.request", request_payload(), signer=stranger))
    assert response.status_code == 409
    assert json.loads(response.content) == {
        "protocol": envelope.PROTOCOL,
        "reason": envelope.UNKNOWN_KEY,
        "refused": json.loads(response.content)["refused"],
        "retry": True,
    }


def test_it_refuses_an_old_message(peer, sim):
    body = sim.seal("referral.request", request_payload(), time=timezone.now() - timedelta(hours=1))
    assert reason(post(body)) == envelope.TOO_OLD


def test_it_refuses_a_message_from_the_future(peer, sim):
    body = sim.seal("referral.request", request_payload(), time=timezone.now() + timedelta(hours=1))
    assert reason(post(body)) == envelope.FROM_FUTURE


def test_it_refuses_an_oversized_body(peer):
    response = post(b"{" + b" " * envelope.MAX_ENVELOPE_BYTES + b"}")
    assert response.status_code == 413
    assert reason(response) == envelope.OVERSIZED


def test_it_refuses_a_malformed_body(peer):
    response = post(b"{not json")
    assert response.status_code == 400
    assert reason(response) == envelope.MALFORMED


def test_it_refuses_an_unknown_type(peer, sim):
    assert reason(post(sim.seal("referral.gossip", {}))) == envelope.UNKNOWN_TYPE


def test_it_refuses_a_conversation_it_does_not_have(peer, sim):
    body = sim.seal("status.update", {"text": "Fictional."}, seq=2)
    assert reason(post(body)) == envelope.UNKNOWN_CONVERSATION


def test_it_refuses_to_open_a_conversation_twice(peer, sim):
    conversation = str(uuid.uuid4())
    post(sim.seal("referral.request", request_payload(), conversation=conversation))
    again = sim.seal("referral.request", request_payload(), conversation=conversation)
    assert reason(post(again)) == envelope.CONVERSATION_EXISTS


def test_it_refuses_an_out_of_order_message_for_a_retry_and_applies_it_in_order(peer, sim):
    conversation = str(uuid.uuid4())
    post(sim.seal("referral.request", request_payload(), conversation=conversation))
    withdraw = sim.seal(
        "referral.withdraw", {"reason": "Fictional."}, conversation=conversation, seq=3
    )
    early = post(withdraw)
    assert early.status_code == 409
    assert json.loads(early.content)["retry"] is True
    assert CrossBorderReferral.objects.get().status == "sent"
    update = sim.seal(
        "status.update", {"text": "Fictional update."}, conversation=conversation, seq=2
    )
    assert post(update).status_code == 200
    assert post(withdraw).status_code == 200
    assert CrossBorderReferral.objects.get().status == "withdrawn"


def test_it_refuses_a_message_its_status_does_not_allow_and_applies_nothing(peer, sim):
    conversation = str(uuid.uuid4())
    post(sim.seal("referral.request", request_payload(), conversation=conversation))
    # The sender may not accept its own request.
    accept = sim.seal(
        "referral.accept",
        {"reference": "CP-X", "lead_agency": "Fictional"},
        conversation=conversation,
        seq=2,
    )
    response = post(accept)
    assert response.status_code == 422
    assert reason(response) == envelope.INVALID_STATE
    assert CrossBorderReferral.objects.get().status == "sent"
    # The sequence number is used up: the conversation goes on, and a retry gets the same.
    assert post(accept).content == response.content


def test_it_refuses_a_payload_that_breaks_the_rules(peer, sim):
    body = sim.seal("referral.request", request_payload(share_fields=["secret"]))
    assert reason(post(body)) == envelope.INVALID_PAYLOAD
    assert CrossBorderReferral.objects.count() == 0


def test_it_refuses_an_unknown_reply_to(peer, sim):
    body = sim.seal("referral.request", request_payload(), reply_to=str(uuid.uuid4()))
    assert reason(post(body)) == envelope.UNKNOWN_REPLY_TO


def test_it_writes_one_audit_event_per_refusal(peer, sim):
    post(b"{not json")
    assert AuditEvent.objects.filter(action="federation.refuse").count() == 1
    assert "reason=malformed" in AuditEvent.objects.get(action="federation.refuse").purpose


def test_it_takes_no_session_and_no_get(peer):
    assert Client().get(URL).status_code == 405


@pytest.mark.parametrize("status", [PeerStatus.REMOVED])
def test_it_refuses_a_removed_peer(peer, sim, status):
    peer.status = status
    peer.save()
    assert reason(post(sim.seal("referral.request", request_payload()))) == envelope.UNKNOWN_SENDER

"""The envelope profile: sign, encrypt, verify, decrypt, and every refusal (pure, no database)."""

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from childpath.exchange import envelope
from childpath.exchange.envelope import Refused

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
SIGNER = Ed25519PrivateKey.generate()
RECIPIENT = X25519PrivateKey.generate()


def header(**overrides):
    values: Any = {
        "id": str(uuid.uuid4()),
        "type": "referral.request",
        "sender": "childpath-se-demo",
        "recipient": "childpath-rs-demo",
        "conversation": str(uuid.uuid4()),
        "seq": 1,
        "reply_to": None,
        "recipient_key": "ab" * 16,
    }
    return envelope.Header(**(values | overrides))


def sealed(head=None, payload=None, time=NOW, signer=SIGNER):
    head = head or header()
    ciphertext = envelope.encrypt_payload(
        head, payload or {"reason": "Fictional."}, RECIPIENT.public_key()
    )
    body = envelope.sign(
        head, payload=ciphertext, time=time, signing_key=signer, signing_key_id="cd" * 16
    )
    return head, ciphertext, body


def refusal(body):
    with pytest.raises(Refused) as caught:
        parsed = envelope.parse(body)
        envelope.verify(parsed, SIGNER.public_key())
        envelope.check_time(parsed, NOW)
        envelope.decrypt(parsed, RECIPIENT)
    return caught.value.reason


def resigned(members):
    """Members changed and signed again by the real sender (to reach later checks)."""
    members = {k: v for k, v in members.items() if k != "signature"}
    members["signature"] = envelope.b64encode(
        SIGNER.sign(envelope.SIGNING_PREFIX + envelope.canonical(members))
    )
    return envelope.canonical(members)


def test_it_round_trips_a_payload():
    head, _, body = sealed(payload={"reason": "Fictional — Ђорђе", "n": 3})
    parsed = envelope.parse(body)
    envelope.verify(parsed, SIGNER.public_key())
    envelope.check_time(parsed, NOW)
    assert envelope.decrypt(parsed, RECIPIENT) == {"reason": "Fictional — Ђорђе", "n": 3}
    assert parsed.header == head


def test_it_keeps_the_payload_unreadable_in_the_envelope():
    _, _, body = sealed(payload={"reason": "Secret fictional text"})
    assert b"Secret" not in body


def test_it_has_the_same_digest_on_every_attempt():
    head, ciphertext, first = sealed()
    second = envelope.sign(
        head,
        payload=ciphertext,
        time=NOW + timedelta(hours=3),
        signing_key=SIGNER,
        signing_key_id="ef" * 16,
    )
    assert first != second
    assert envelope.parse(first).digest() == envelope.parse(second).digest()
    assert envelope.parse(first).digest() == envelope.expected_digest(head, ciphertext)


def test_it_refuses_a_changed_member():
    _, _, body = sealed()
    members = json.loads(body)
    members["type"] = "referral.accept"
    assert refusal(envelope.canonical(members)) == envelope.BAD_SIGNATURE


def test_it_refuses_another_signer():
    _, _, body = sealed(signer=Ed25519PrivateKey.generate())
    assert refusal(body) == envelope.BAD_SIGNATURE


def test_it_refuses_a_payload_moved_to_another_envelope():
    _, ciphertext, _ = sealed()
    other = header()
    body = envelope.sign(
        other, payload=ciphertext, time=NOW, signing_key=SIGNER, signing_key_id="cd" * 16
    )
    assert refusal(body) == envelope.UNDECRYPTABLE


def test_it_refuses_a_payload_for_another_recipient_key():
    head = header()
    ciphertext = envelope.encrypt_payload(head, {"a": 1}, X25519PrivateKey.generate().public_key())
    body = envelope.sign(
        head, payload=ciphertext, time=NOW, signing_key=SIGNER, signing_key_id="cd" * 16
    )
    assert refusal(body) == envelope.UNDECRYPTABLE


def test_it_refuses_an_old_message():
    _, _, body = sealed(time=NOW - timedelta(minutes=6))
    assert refusal(body) == envelope.TOO_OLD


def test_it_refuses_a_message_from_the_future():
    _, _, body = sealed(time=NOW + timedelta(minutes=3))
    assert refusal(body) == envelope.FROM_FUTURE


def test_it_refuses_an_oversized_body():
    assert refusal(b" " * (envelope.MAX_ENVELOPE_BYTES + 1)) == envelope.OVERSIZED


def test_it_will_not_encrypt_an_oversized_payload():
    with pytest.raises(ValueError):
        sealed(payload={"x": "a" * (envelope.MAX_PAYLOAD_BYTES + 1)})


@pytest.mark.parametrize("body", [b"not json", b"[]", b'"x"', b"{}", b'{"protocol": 1}'])
def test_it_refuses_malformed_bodies(body):
    assert refusal(body) == envelope.MALFORMED


def test_it_refuses_another_protocol_version():
    _, _, body = sealed()
    members = json.loads(body)
    members["protocol"] = "childpath-federation/2"
    assert refusal(resigned(members)) == envelope.UNSUPPORTED_PROTOCOL


@pytest.mark.parametrize(
    "change",
    [
        {"extra": 1},
        {"seq": 0},
        {"seq": "1"},
        {"seq": True},
        {"id": "not-a-uuid"},
        {"reply_to": "x"},
        {"time": "2026-12-01 12:00:00"},
        {"sender": "Bad Sender!"},
        {"type": "Referral"},
        {"sender_key": "zz"},
        {"payload": "not base64!"},
    ],
)
def test_it_refuses_members_outside_the_profile(change):
    _, _, body = sealed()
    members = json.loads(body) | change
    assert refusal(resigned(members)) == envelope.MALFORMED


def test_it_refuses_a_missing_member():
    _, _, body = sealed()
    members = json.loads(body)
    del members["conversation"]
    assert refusal(resigned(members)) == envelope.MALFORMED


def test_it_refuses_a_payload_that_is_not_an_object():
    head = header()
    ciphertext = envelope.b64encode(
        envelope.SUITE.encrypt(b"[1, 2]", RECIPIENT.public_key(), info=head.payload_info())
    )
    body = envelope.sign(
        head, payload=ciphertext, time=NOW, signing_key=SIGNER, signing_key_id="cd" * 16
    )
    assert refusal(body) == envelope.INVALID_PAYLOAD


def test_it_signs_receipts_that_verify():
    _, _, body = sealed()
    parsed = envelope.parse(body)
    raw = envelope.make_receipt(
        parsed, receiver="childpath-rs-demo", time=NOW, signing_key=SIGNER, signing_key_id="cd" * 16
    )
    receipt, members = envelope.parse_receipt(raw)
    envelope.verify_receipt(members, SIGNER.public_key())
    assert receipt.receipt_for == parsed.id
    assert receipt.digest == parsed.digest()


def test_it_refuses_a_forged_receipt():
    _, _, body = sealed()
    raw = envelope.make_receipt(
        envelope.parse(body),
        receiver="childpath-rs-demo",
        time=NOW,
        signing_key=Ed25519PrivateKey.generate(),
        signing_key_id="cd" * 16,
    )
    _, members = envelope.parse_receipt(raw)
    with pytest.raises(Refused) as caught:
        envelope.verify_receipt(members, SIGNER.public_key())
    assert caught.value.reason == envelope.BAD_SIGNATURE


def test_it_marks_only_some_reasons_retryable():
    assert Refused(envelope.OUT_OF_ORDER).retryable
    assert not Refused(envelope.BAD_SIGNATURE).retryable

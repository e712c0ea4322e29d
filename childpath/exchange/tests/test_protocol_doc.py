"""The example in docs/federation-protocol.md verifies and decrypts with the documented test
keys, so the document and the code cannot drift apart."""

import json
import re
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from childpath.exchange import envelope, keys

DOC = Path(__file__).resolve().parents[3] / "docs" / "federation-protocol.md"
SIGNING = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
ENCRYPTION = X25519PrivateKey.from_private_bytes(bytes(range(32, 64)))


def blocks() -> list[str]:
    return re.findall(r"```json\n(.*?)\n```", DOC.read_text(), re.DOTALL)


def test_it_documents_an_envelope_that_verifies_and_decrypts():
    _card, _refusal, payload, body, _receipt = blocks()
    parsed = envelope.parse(json.dumps(json.loads(body)).encode())
    envelope.verify(parsed, SIGNING.public_key())
    envelope.check_time(parsed, datetime(2026, 12, 1, 21, 1, tzinfo=UTC))
    assert envelope.decrypt(parsed, ENCRYPTION) == json.loads(payload)


def test_it_documents_a_receipt_that_verifies():
    *_, body, receipt = blocks()
    parsed, members = envelope.parse_receipt(receipt.encode())
    envelope.verify_receipt(members, SIGNING.public_key())
    assert parsed.digest == envelope.parse(body.encode()).digest()


def test_it_documents_a_card_with_the_ids_of_its_keys():
    card = json.loads(blocks()[0])
    for key in keys.public_keys_of(card):
        assert envelope.key_id(envelope.b64decode(key.public)) == key.id


def test_it_documents_an_envelope_that_a_batch_carries_unchanged():
    _card, _refusal, payload, body, receipt = blocks()
    [members] = envelope.load_batch(envelope.batch([envelope.canonical(json.loads(body))]))
    parsed = envelope.parse_batched(members)
    envelope.verify(parsed, SIGNING.public_key())
    assert envelope.decrypt(parsed, ENCRYPTION) == json.loads(payload)
    answer = envelope.batch_answer([envelope.canonical(json.loads(receipt))])
    [result] = envelope.parse_batch_answer(answer, 1)
    assert result["digest"] == parsed.digest()

"""The federation envelope, profile ``childpath-federation/1``, and the batch of profile
``childpath-federation/2`` that carries several of them in one delivery
(docs/federation-protocol.md).

A pure core: plain data in, plain data out, no Django import (DESIGN.md 6.1), so another
implementation can be checked against it line by line.

- The payload is a JSON object encrypted for the recipient with HPKE (RFC 9180, base mode:
  DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM). The HPKE ``info`` binds it to the
  message id, type, parties, conversation, sequence and key, so it cannot be moved to another
  envelope. Base mode does not authenticate the sender: the signature does.
- The whole envelope (every member but ``signature``) is signed with the sender's Ed25519 key,
  over the canonical JSON (sorted keys, no spaces, ASCII) after a domain-separation prefix.
- The sender re-signs each delivery attempt with a fresh ``time`` (like Standard Webhooks), so a
  retry after hours still passes the receiver's time window; the id and the encrypted payload
  stay the same, so the receiver recognises the retry as the same message.
- A batch (``/2``) is only a container: each envelope in it is the same ``/1`` envelope, signed,
  encrypted, checked, applied and receipted on its own, so one bad envelope refuses only itself.
  It spreads the cost of an HTTP request and a database commit over many messages.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

PROTOCOL = "childpath-federation/1"
SIGNING_PREFIX = b"childpath-federation/1 envelope\x00"
RECEIPT_PREFIX = b"childpath-federation/1 receipt\x00"
PAYLOAD_INFO_PREFIX = b"childpath-federation/1 payload\x00"
BATCH_PROTOCOL = "childpath-federation/2"
SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_128_GCM)

# Caps (DOMAIN.md: cap message sizes). The body is refused before it is parsed.
MAX_ENVELOPE_BYTES = 256 * 1024
MAX_PAYLOAD_BYTES = 160 * 1024
# A batch: at most this many envelopes and bytes (each envelope still within its own cap).
MAX_BATCH_ENVELOPES = 100
MAX_BATCH_BYTES = 2 * 1024 * 1024
# Time window: like Standard Webhooks' tolerance.
MAX_AGE = timedelta(minutes=5)
MAX_SKEW = timedelta(minutes=2)

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
INSTANCE_RE = re.compile(r"^[a-z0-9][a-z0-9.-]{1,62}$")
TYPE_RE = re.compile(r"^[a-z]+(\.[a-z_]+){1,3}$")
KEY_ID_RE = re.compile(r"^[0-9a-f]{32}$")
TIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
B64_RE = re.compile(r"^[A-Za-z0-9_-]+$")

ENVELOPE_MEMBERS = frozenset(
    {
        "protocol",
        "id",
        "type",
        "sender",
        "recipient",
        "time",
        "conversation",
        "seq",
        "reply_to",
        "sender_key",
        "recipient_key",
        "payload",
        "signature",
    }
)
BATCH_MEMBERS = frozenset({"protocol", "envelopes"})
BATCH_ANSWER_MEMBERS = frozenset({"protocol", "results"})
RECEIPT_MEMBERS = frozenset(
    {"protocol", "receipt_for", "sender", "recipient", "time", "digest", "key", "signature"}
)


# Machine-readable reasons a receiver refuses an envelope (docs/federation-protocol.md).
# ``RETRYABLE`` ones may succeed later unchanged: the sender keeps trying until its deadline.
MALFORMED = "malformed"
OVERSIZED = "oversized"
UNSUPPORTED_PROTOCOL = "unsupported_protocol"
UNKNOWN_TYPE = "unknown_type"
UNKNOWN_SENDER = "unknown_sender"
SUSPENDED_SENDER = "suspended_sender"
WRONG_RECIPIENT = "wrong_recipient"
UNKNOWN_KEY = "unknown_key"
BAD_SIGNATURE = "bad_signature"
TOO_OLD = "too_old"
FROM_FUTURE = "from_future"
UNDECRYPTABLE = "undecryptable"
INVALID_PAYLOAD = "invalid_payload"
ID_REUSED = "id_reused"
UNKNOWN_CONVERSATION = "unknown_conversation"
CONVERSATION_EXISTS = "conversation_exists"
UNKNOWN_REPLY_TO = "unknown_reply_to"
OUT_OF_ORDER = "out_of_order"
INVALID_STATE = "invalid_state"
BUSY = "busy"
RETRYABLE = frozenset({UNKNOWN_KEY, OUT_OF_ORDER, BUSY})
REASONS = (
    MALFORMED,
    OVERSIZED,
    UNSUPPORTED_PROTOCOL,
    UNKNOWN_TYPE,
    UNKNOWN_SENDER,
    SUSPENDED_SENDER,
    WRONG_RECIPIENT,
    UNKNOWN_KEY,
    BAD_SIGNATURE,
    TOO_OLD,
    FROM_FUTURE,
    UNDECRYPTABLE,
    INVALID_PAYLOAD,
    ID_REUSED,
    UNKNOWN_CONVERSATION,
    CONVERSATION_EXISTS,
    UNKNOWN_REPLY_TO,
    OUT_OF_ORDER,
    INVALID_STATE,
    BUSY,
)


class Refused(Exception):
    """The envelope is refused; ``reason`` is one of REASONS, ``detail`` plain English for logs
    (never payload contents)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        assert reason in REASONS, reason
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail

    @property
    def retryable(self) -> bool:
        return self.reason in RETRYABLE


def canonical(value: Any) -> bytes:
    """The one byte form that is signed and hashed: sorted keys, no spaces, ASCII only."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64decode(text: str) -> bytes:
    if not B64_RE.match(text):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def format_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(text: str) -> datetime:
    if not TIME_RE.match(text):
        raise ValueError("not a UTC time")
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def key_id(public_raw: bytes) -> str:
    """A key's id: the first 16 bytes of the SHA-256 of its raw public bytes, in hex."""
    return hashlib.sha256(public_raw).hexdigest()[:32]


@dataclass(frozen=True)
class Header:
    """Everything about a message but its payload and signature."""

    id: str
    type: str
    sender: str
    recipient: str
    conversation: str
    seq: int
    reply_to: str | None
    recipient_key: str

    def payload_info(self) -> bytes:
        bound = {
            "id": self.id,
            "type": self.type,
            "sender": self.sender,
            "recipient": self.recipient,
            "conversation": self.conversation,
            "seq": self.seq,
            "reply_to": self.reply_to,
            "recipient_key": self.recipient_key,
        }
        return PAYLOAD_INFO_PREFIX + canonical(bound)


@dataclass(frozen=True)
class Envelope:
    """A parsed, structurally valid envelope (not yet verified or decrypted)."""

    header: Header
    time: datetime
    sender_key: str
    payload: str
    signature: str
    members: dict[str, Any]

    @property
    def id(self) -> str:
        return self.header.id

    def digest(self) -> str:
        """The content digest: stable across delivery attempts (not ``time``, not the
        signature), so a retry and the first attempt have the same one."""
        stable = {k: v for k, v in self.members.items() if k not in ("time", "signature")}
        stable.pop("sender_key", None)
        return hashlib.sha256(canonical(stable)).hexdigest()


def encrypt_payload(header: Header, payload: dict[str, Any], public_key: X25519PublicKey) -> str:
    """The payload, encrypted once when the message is queued; retries reuse it."""
    plaintext = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    if len(plaintext) > MAX_PAYLOAD_BYTES:
        raise ValueError("payload too large")
    return b64encode(SUITE.encrypt(plaintext, public_key, info=header.payload_info()))


def sign(
    header: Header,
    *,
    payload: str,
    time: datetime,
    signing_key: Ed25519PrivateKey,
    signing_key_id: str,
) -> bytes:
    """The envelope's bytes for one delivery attempt, signed."""
    members: dict[str, Any] = {
        "protocol": PROTOCOL,
        "id": header.id,
        "type": header.type,
        "sender": header.sender,
        "recipient": header.recipient,
        "time": format_time(time),
        "conversation": header.conversation,
        "seq": header.seq,
        "reply_to": header.reply_to,
        "sender_key": signing_key_id,
        "recipient_key": header.recipient_key,
        "payload": payload,
    }
    members["signature"] = b64encode(signing_key.sign(SIGNING_PREFIX + canonical(members)))
    return canonical(members)


def _require(condition: bool, detail: str) -> None:
    if not condition:
        raise Refused(MALFORMED, detail)


def _uuid(members: dict[str, Any], name: str) -> str:
    value = members[name]
    _require(isinstance(value, str) and bool(UUID_RE.match(value)), f"{name} is not a UUID v4")
    return str(value)


def parse(body: bytes) -> Envelope:
    """Strict structural checks: size, JSON, exactly the profile's members, their forms."""
    if len(body) > MAX_ENVELOPE_BYTES:
        raise Refused(OVERSIZED, f"{len(body)} bytes")
    try:
        members = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise Refused(MALFORMED, "not JSON") from error
    return parse_members(members)


def parse_members(members: Any) -> Envelope:
    """The checks of ``parse`` on an envelope already read as JSON (one of a batch)."""
    _require(isinstance(members, dict), "not an object")
    if members.get("protocol") != PROTOCOL:
        if isinstance(members.get("protocol"), str):
            raise Refused(UNSUPPORTED_PROTOCOL, "protocol not supported")
        raise Refused(MALFORMED, "no protocol")
    missing, extra = ENVELOPE_MEMBERS - members.keys(), members.keys() - ENVELOPE_MEMBERS
    _require(not missing and not extra, "members differ from the profile")
    for name in ("sender", "recipient"):
        value = members[name]
        _require(isinstance(value, str) and bool(INSTANCE_RE.match(value)), f"bad {name}")
    _require(isinstance(members["type"], str) and bool(TYPE_RE.match(members["type"])), "type")
    seq = members["seq"]
    _require(type(seq) is int and 1 <= seq < 2**31, "seq")
    reply_to = members["reply_to"]
    if reply_to is not None:
        reply_to = _uuid(members, "reply_to")
    for name in ("sender_key", "recipient_key"):
        value = members[name]
        _require(isinstance(value, str) and bool(KEY_ID_RE.match(value)), f"bad {name}")
    for name in ("payload", "signature"):
        _require(isinstance(members[name], str) and bool(B64_RE.match(members[name])), name)
    _require(isinstance(members["time"], str), "time")
    try:
        time = parse_time(members["time"])
    except ValueError as error:
        raise Refused(MALFORMED, "time") from error
    header = Header(
        id=_uuid(members, "id"),
        type=members["type"],
        sender=members["sender"],
        recipient=members["recipient"],
        conversation=_uuid(members, "conversation"),
        seq=seq,
        reply_to=reply_to,
        recipient_key=members["recipient_key"],
    )
    return Envelope(
        header=header,
        time=time,
        sender_key=members["sender_key"],
        payload=members["payload"],
        signature=members["signature"],
        members=members,
    )


def load_batch(body: bytes) -> list[Any]:
    """The envelopes of a batch, each still to be checked on its own (``parse_members``).

    Only the container is checked here: size, JSON, members, count. An envelope over its own
    cap is left in, for ``parse_batched`` to refuse alone."""
    if len(body) > MAX_BATCH_BYTES:
        raise Refused(OVERSIZED, f"{len(body)} bytes")
    try:
        members = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise Refused(MALFORMED, "not JSON") from error
    return batch_envelopes(members)


def batch_envelopes(members: Any) -> list[Any]:
    _require(isinstance(members, dict), "not an object")
    if members.get("protocol") != BATCH_PROTOCOL:
        raise Refused(UNSUPPORTED_PROTOCOL, "protocol not supported")
    _require(members.keys() == BATCH_MEMBERS, "batch members differ from the profile")
    envelopes = members["envelopes"]
    _require(isinstance(envelopes, list) and bool(envelopes), "envelopes")
    if len(envelopes) > MAX_BATCH_ENVELOPES:
        raise Refused(OVERSIZED, f"{len(envelopes)} envelopes")
    return list(envelopes)


def parse_batched(members: Any) -> Envelope:
    """One envelope of a batch: its own size cap, then the checks of ``parse``."""
    if isinstance(members, dict) and len(canonical(members)) > MAX_ENVELOPE_BYTES:
        raise Refused(OVERSIZED, "envelope in a batch")
    return parse_members(members)


def is_batch(members: Any) -> bool:
    return isinstance(members, dict) and members.get("protocol") == BATCH_PROTOCOL


def batch(envelopes: list[bytes]) -> bytes:
    """A batch of signed envelopes (each the bytes of ``sign``), in the order to apply them."""
    if not 0 < len(envelopes) <= MAX_BATCH_ENVELOPES:
        raise ValueError("a batch holds 1 to 100 envelopes")
    body = b'{"envelopes":[' + b",".join(envelopes) + b'],"protocol":"' + BATCH_PROTOCOL.encode()
    body += b'"}'
    if len(body) > MAX_BATCH_BYTES:
        raise ValueError("batch too large")
    return body


def batch_answer(results: list[bytes]) -> bytes:
    """The receiver's answer to a batch: one receipt or refusal per envelope, in order."""
    head = b'{"protocol":"' + BATCH_PROTOCOL.encode() + b'","results":['
    return head + b",".join(results) + b"]}"


def parse_batch_answer(body: bytes, count: int) -> list[dict[str, Any]]:
    """The results of a batch answer: exactly ``count`` JSON objects (not yet checked)."""
    try:
        members = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise Refused(MALFORMED, "answer is not JSON") from error
    _require(isinstance(members, dict) and members.keys() == BATCH_ANSWER_MEMBERS, "answer")
    _require(members["protocol"] == BATCH_PROTOCOL, "answer protocol")
    results = members["results"]
    _require(isinstance(results, list) and len(results) == count, "answer results")
    _require(all(isinstance(result, dict) for result in results), "answer results")
    return [dict(result) for result in results]


def verify(envelope: Envelope, public_key: Ed25519PublicKey) -> None:
    unsigned = {k: v for k, v in envelope.members.items() if k != "signature"}
    try:
        signature = b64decode(envelope.signature)
        public_key.verify(signature, SIGNING_PREFIX + canonical(unsigned))
    except (InvalidSignature, ValueError, binascii.Error) as error:
        raise Refused(BAD_SIGNATURE) from error


def check_time(envelope: Envelope, now: datetime) -> None:
    if envelope.time < now - MAX_AGE:
        raise Refused(TOO_OLD, f"sent {format_time(envelope.time)}")
    if envelope.time > now + MAX_SKEW:
        raise Refused(FROM_FUTURE, f"sent {format_time(envelope.time)}")


def decrypt(envelope: Envelope, private_key: X25519PrivateKey) -> dict[str, Any]:
    try:
        ciphertext = b64decode(envelope.payload)
        plaintext = SUITE.decrypt(ciphertext, private_key, info=envelope.header.payload_info())
    except (InvalidTag, ValueError, binascii.Error) as error:
        raise Refused(UNDECRYPTABLE) from error
    if len(plaintext) > MAX_PAYLOAD_BYTES:
        raise Refused(OVERSIZED, "payload")
    try:
        payload = json.loads(plaintext)
    except (ValueError, UnicodeDecodeError) as error:
        raise Refused(INVALID_PAYLOAD, "payload is not JSON") from error
    if not isinstance(payload, dict):
        raise Refused(INVALID_PAYLOAD, "payload is not an object")
    return payload


# Receipts ---------------------------------------------------------------------------------


def make_receipt(
    envelope: Envelope,
    *,
    receiver: str,
    time: datetime,
    signing_key: Ed25519PrivateKey,
    signing_key_id: str,
) -> bytes:
    """The receiver's signed statement that it applied this message (non-repudiation)."""
    members: dict[str, Any] = {
        "protocol": PROTOCOL,
        "receipt_for": envelope.id,
        "sender": receiver,
        "recipient": envelope.header.sender,
        "time": format_time(time),
        "digest": envelope.digest(),
        "key": signing_key_id,
    }
    members["signature"] = b64encode(signing_key.sign(RECEIPT_PREFIX + canonical(members)))
    return canonical(members)


@dataclass(frozen=True)
class Receipt:
    receipt_for: str
    sender: str
    recipient: str
    time: datetime
    digest: str
    key: str
    raw: bytes


def parse_receipt(body: bytes) -> tuple[Receipt, dict[str, Any]]:
    if len(body) > 16 * 1024:
        raise Refused(OVERSIZED, "receipt")
    try:
        members = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise Refused(MALFORMED, "receipt is not JSON") from error
    _require(isinstance(members, dict) and members.keys() == RECEIPT_MEMBERS, "receipt members")
    _require(members["protocol"] == PROTOCOL, "receipt protocol")
    _require(all(isinstance(members[k], str) for k in RECEIPT_MEMBERS), "receipt values")
    _uuid(members, "receipt_for")
    try:
        time = parse_time(members["time"])
    except ValueError as error:
        raise Refused(MALFORMED, "receipt time") from error
    receipt = Receipt(
        receipt_for=members["receipt_for"],
        sender=members["sender"],
        recipient=members["recipient"],
        time=time,
        digest=members["digest"],
        key=members["key"],
        raw=body,
    )
    return receipt, members


def verify_receipt(members: dict[str, Any], public_key: Ed25519PublicKey) -> None:
    unsigned = {k: v for k, v in members.items() if k != "signature"}
    try:
        public_key.verify(b64decode(members["signature"]), RECEIPT_PREFIX + canonical(unsigned))
    except (InvalidSignature, ValueError, binascii.Error) as error:
        raise Refused(BAD_SIGNATURE, "receipt") from error


def expected_digest(header: Header, payload: str) -> str:
    """The digest the sender expects in the receipt (same as ``Envelope.digest``)."""
    stable = {
        "protocol": PROTOCOL,
        "id": header.id,
        "type": header.type,
        "sender": header.sender,
        "recipient": header.recipient,
        "conversation": header.conversation,
        "seq": header.seq,
        "reply_to": header.reply_to,
        "recipient_key": header.recipient_key,
        "payload": payload,
    }
    return hashlib.sha256(canonical(stable)).hexdigest()


__all__ = [
    "Envelope",
    "Header",
    "Receipt",
    "Refused",
    "X25519PrivateKey",
]

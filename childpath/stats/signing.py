"""Releases are signed with the instance's key: the current Ed25519 signing key of its
federation key file (``childpath/lib/instance_key.py``), the key its peers already hold from
its federation card. A release names that key (the raw public key in base64, and the
federation key id), and a peer checks it against the key its registry holds for the instance.

Releases published before (signed with the separate statistics key
``.local/stats-signing-ed25519.pem``, or ``STATS_SIGNING_KEY_FILE``) still verify: each names
the public key it was signed with, and that file, when it is still there, is only read to
recognise them as this instance's. Nothing is signed with it any more.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

from childpath.lib import instance_key, slots

# What a release's key is, as this instance sees it (``trust``).
OWN = "own"  # this instance's federation key
OWN_EARLIER = "own_earlier"  # this instance's earlier statistics key (releases before)
VERIFIED = "verified"  # a confirmed peer's key, as its card lists it
UNCONFIRMED = "unconfirmed"  # a peer whose fingerprint no one has confirmed yet
UNKNOWN = "unknown"  # no peer of that instance id in the registry
MISMATCH = "mismatch"  # a known peer, but not a key its card lists: refused


def _legacy_path() -> Path:
    default = Path(settings.BASE_DIR) / ".local" / "stats-signing-ed25519.pem"
    return Path(getattr(settings, "STATS_SIGNING_KEY_FILE", "") or default)


def legacy_public_key() -> bytes | None:
    """The public key of the earlier statistics key, if its file is still there."""
    path = _legacy_path()
    if not path.exists():
        return None
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        return None
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def text(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def _raw(public_key: str) -> bytes | None:
    try:
        return base64.b64decode(public_key, validate=True)
    except ValueError:
        return None


def fingerprint(public_key: str) -> str:
    """SHA-256 of the raw public key, in groups of four, to compare out of band."""
    digest = hashlib.sha256(base64.b64decode(public_key)).hexdigest()[:32].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def canonical(document: dict[str, Any]) -> bytes:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def signer() -> dict[str, str]:
    """What a release says of the key that signs it: the instance, the key and its id."""
    key = instance_key.current()
    return {
        "id": str(settings.CHILDPATH_INSTANCE_ID),
        "public_key": text(key.public_raw()),
        "key_id": key.id,
        "key": "federation",
    }


def sign(document: dict[str, Any]) -> tuple[str, str, str]:
    """(sha256, signature, public key) of the canonical form of the document, signed with the
    instance's current federation signing key."""
    key = instance_key.current()
    body = canonical(document)
    return (
        hashlib.sha256(body).hexdigest(),
        base64.b64encode(key.private.sign(body)).decode(),
        text(key.public_raw()),
    )


def verify(document: dict[str, Any], signature: str, public_key: str) -> bool:
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key))
        key.verify(base64.b64decode(signature), canonical(document))
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


@dataclass(frozen=True)
class Trust:
    status: str
    peer: str = ""  # the peer's name in the registry, when it is known

    @property
    def accepted(self) -> bool:
        return self.status != MISMATCH

    @property
    def verified(self) -> bool:
        return self.status in (OWN, OWN_EARLIER, VERIFIED)


def own_key(public_key: str) -> str | None:
    """OWN or OWN_EARLIER when this instance signed with this key, else None."""
    raw = _raw(public_key)
    if raw is None:
        return None
    if raw in instance_key.own_public_keys():
        return OWN
    if raw == legacy_public_key():
        return OWN_EARLIER
    return None


def trust(document: dict[str, Any]) -> Trust:
    """Whose key signed a release (its signature already checked against the key it names):
    this instance's, or a peer's as the federation registry holds it (slot "peers", filled by
    the exchange app, which this app may not import)."""
    instance = document.get("instance") or {}
    public_key = str(instance.get("public_key") or "")
    own = own_key(public_key)
    if own is not None:
        return Trust(own)
    raw = _raw(public_key)
    peers = [entry.context for entry in slots.fill("peers", str(instance.get("id") or ""))]
    peer = next((p for p in peers if p), None)
    if peer is None:
        return Trust(UNKNOWN)
    listed = {instance_key.b64url_decode(k) for k in peer["signing_keys"]}
    if raw not in listed:
        return Trust(MISMATCH, peer["name"])
    return Trust(VERIFIED if peer["confirmed"] else UNCONFIRMED, peer["name"])

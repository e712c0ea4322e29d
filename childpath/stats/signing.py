"""The instance's Ed25519 key for statistics releases (written by scripts/ensure_keys.py to
.local/stats-signing-ed25519.pem; STATS_SIGNING_KEY_FILE overrides the path), and checks of
a release's signature against the public key it names."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _path() -> Path:
    default = Path(settings.BASE_DIR) / ".local" / "stats-signing-ed25519.pem"
    return Path(getattr(settings, "STATS_SIGNING_KEY_FILE", "") or default)


def private_key() -> Ed25519PrivateKey:
    path = _path()
    if not path.exists():
        raise ImproperlyConfigured(f"No statistics signing key at {path}: run `make keys`.")
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured(f"{path} is not an Ed25519 private key.")
    return key


def public_key_text(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def fingerprint(public_key: str) -> str:
    """SHA-256 of the raw public key, in groups of four, to compare out of band."""
    digest = hashlib.sha256(base64.b64decode(public_key)).hexdigest()[:32].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def canonical(document: dict[str, Any]) -> bytes:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sign(document: dict[str, Any]) -> tuple[str, str, str]:
    """(sha256, signature, public key) of the canonical form of the document."""
    key = private_key()
    body = canonical(document)
    return (
        hashlib.sha256(body).hexdigest(),
        base64.b64encode(key.sign(body)).decode(),
        public_key_text(key),
    )


def verify(document: dict[str, Any], signature: str, public_key: str) -> bool:
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key))
        key.verify(base64.b64decode(signature), canonical(document))
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True

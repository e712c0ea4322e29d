"""The instance's own Ed25519 signing key, read from its federation key file, for the apps that
sign on the instance's behalf but sit beside the exchange app (statistics releases): they may
not import it, and the key is the instance's, not the exchange's.

The file (``FEDERATION_KEYS_FILE``, written by ``scripts/ensure_keys.py``, rotated by the
exchange app; format in ``childpath/exchange/keys.py``) lists the keys newest first: the first
``"use": "sig"`` key is the current one. Keys are base64url without padding, and a key's id is
the first 16 bytes of the SHA-256 of its raw public key, in hex, as the federation card says.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class SigningKey:
    id: str
    instance: str
    private: Ed25519PrivateKey

    def public_raw(self) -> bytes:
        return self.private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_id(public_raw: bytes) -> str:
    return hashlib.sha256(public_raw).hexdigest()[:32]


@lru_cache(maxsize=4)
def _load(path: str, modified: float) -> tuple[SigningKey, tuple[bytes, ...]]:
    data = json.loads(Path(path).read_text())
    signing = [k for k in data.get("keys", []) if k.get("use") == "sig"]
    if not signing:
        raise ImproperlyConfigured(f"{path} holds no signing key.")
    keys = [Ed25519PrivateKey.from_private_bytes(b64url_decode(k["private"])) for k in signing]
    publics = tuple(k.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw) for k in keys)
    current = SigningKey(
        id=signing[0]["id"], instance=str(data.get("instance", "")), private=keys[0]
    )
    return current, publics


def _path() -> Path:
    return Path(settings.FEDERATION_KEYS_FILE)


def _read() -> tuple[SigningKey, tuple[bytes, ...]]:
    path = _path()
    try:
        modified = path.stat().st_mtime
    except FileNotFoundError as error:
        raise ImproperlyConfigured(
            f"No federation keys at {path}: run scripts/ensure_keys.py (make keys does)."
        ) from error
    return _load(str(path), modified)


def current() -> SigningKey:
    """The instance's current signing key (re-read when the file changes: a rotation needs no
    restart). The file must be this instance's, as the exchange app requires too."""
    key = _read()[0]
    if key.instance != str(settings.CHILDPATH_INSTANCE_ID):
        raise ImproperlyConfigured(f"{_path()} holds the keys of another instance.")
    return key


def own_public_keys() -> tuple[bytes, ...]:
    """The raw public keys of every signing key in the file, the current one and those kept
    after a rotation: what this instance has signed with."""
    return _read()[1]

"""The linkage key file shared by two focal points, and the encoding scheme it fixes.

A key file is JSON: the secret (32 random bytes), its id (derived from the secret, so a
damaged file is detected), the normalisation version and the scheme parameters. Both parties
must use the same file; encodings record the key id and are refused under any other key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .normalise import NORMALISATION_VERSION

KEY_FORMAT = "childpath-linkage-key"
SCHEME_VERSION = 1


class KeyFileError(ValueError):
    """A key file that is missing, unreadable or not a linkage key."""


@dataclass(frozen=True)
class Scheme:
    """How records become encodings. Both parties must use the same values.

    ``blip_log2`` is the hardening: each bit of a name filter is flipped with probability
    2**-blip_log2 (randomised response, BLIP), with noise drawn deterministically from the
    key and the whole record, so equal names in different records give different filters
    and the same record always gives the same encoding. 0 turns the hardening off.
    """

    version: int = SCHEME_VERSION
    normalisation: int = NORMALISATION_VERSION
    bits: int = 512
    k_spelling: int = 8
    k_sound: int = 10
    blip_log2: int = 7

    def as_dict(self) -> dict[str, int]:
        return {
            "version": self.version,
            "normalisation": self.normalisation,
            "bits": self.bits,
            "k_spelling": self.k_spelling,
            "k_sound": self.k_sound,
            "blip_log2": self.blip_log2,
        }


@dataclass(frozen=True)
class LinkageKey:
    secret: bytes = field(repr=False)
    scheme: Scheme = Scheme()
    created: str = ""

    def __post_init__(self) -> None:
        if len(self.secret) != 32:
            raise KeyFileError("a linkage key is 32 bytes")

    @property
    def key_id(self) -> str:
        return key_id(self.secret)

    def derive(self, label: str) -> bytes:
        return hmac.digest(self.secret, label.encode(), hashlib.sha256)

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": KEY_FORMAT,
                "key_id": self.key_id,
                "secret": base64.b64encode(self.secret).decode(),
                "created": self.created,
                "scheme": self.scheme.as_dict(),
            },
            indent=2,
        )


def key_id(secret: bytes) -> str:
    return hmac.digest(secret, b"childpath-linkage key id", hashlib.sha256)[:8].hex()


def generate_key(*, blip_log2: int = 7) -> LinkageKey:
    return LinkageKey(
        secret=secrets.token_bytes(32),
        scheme=Scheme(blip_log2=blip_log2),
        created=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def key_from_dict(data: Any) -> LinkageKey:
    if not isinstance(data, dict) or data.get("format") != KEY_FORMAT:
        raise KeyFileError(f"not a Childpath linkage key file (no 'format' of {KEY_FORMAT!r})")
    try:
        secret = base64.b64decode(data["secret"], validate=True)
        raw_scheme = data["scheme"]
        scheme = Scheme(**{name: int(raw_scheme[name]) for name in Scheme().as_dict()})
    except (KeyError, ValueError, TypeError) as error:
        raise KeyFileError(f"key file is damaged: {error}") from None
    if len(secret) != 32:
        raise KeyFileError("key file is damaged: the secret is not 32 bytes")
    if key_id(secret) != data.get("key_id"):
        raise KeyFileError("key file is damaged: its key_id does not match its secret")
    if scheme.version != SCHEME_VERSION or scheme.normalisation != NORMALISATION_VERSION:
        raise KeyFileError(
            f"key file is for scheme {scheme.version}, normalisation {scheme.normalisation}; "
            f"this version uses scheme {SCHEME_VERSION}, normalisation {NORMALISATION_VERSION}"
        )
    if scheme.bits != 512 or not 0 <= scheme.blip_log2 <= 12:
        raise KeyFileError("key file is damaged: unsupported scheme parameters")
    return LinkageKey(secret=secret, scheme=scheme, created=str(data.get("created", "")))


def load_key(path: str | os.PathLike[str]) -> LinkageKey:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KeyFileError(f"key file {os.fspath(path)!r} does not exist") from None
    except (OSError, UnicodeDecodeError) as error:
        raise KeyFileError(f"key file {os.fspath(path)!r} cannot be read: {error}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        raise KeyFileError(f"key file {os.fspath(path)!r} is not JSON") from None
    return key_from_dict(data)


def save_key(key: LinkageKey, path: str | os.PathLike[str]) -> None:
    """Write the key file readable by its owner only; never overwrite an existing key."""
    target = Path(path)
    if target.exists():
        raise KeyFileError(f"{os.fspath(path)!r} exists; refusing to overwrite a key")
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(key.to_json() + "\n")

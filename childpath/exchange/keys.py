"""An instance's federation keys and its federation card. A pure core (no Django).

The key file (``.local/federation/<instance>.json``, mode 600, written by
``scripts/ensure_keys.py``) holds Ed25519 signing keys and X25519 encryption keys, newest
first. Rotation adds a new pair at the front and gives the old pair an ``accept_until`` date:
until then peers still accept its signatures and this instance still decrypts with it.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from childpath.exchange.envelope import b64decode, b64encode, canonical, format_time, key_id

CARD_VERSION = "childpath-federation-card/1"
SIGNING = "sig"
ENCRYPTION = "enc"


def _raw_public(key: Ed25519PublicKey | X25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


@dataclass(frozen=True)
class PublicKey:
    """A peer's public key as its card lists it."""

    id: str
    use: str
    public: str
    accept_until: datetime | None = None

    def usable(self, now: datetime) -> bool:
        return self.accept_until is None or now <= self.accept_until

    def ed25519(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(b64decode(self.public))

    def x25519(self) -> X25519PublicKey:
        return X25519PublicKey.from_public_bytes(b64decode(self.public))

    def as_card(self) -> dict[str, Any]:
        entry: dict[str, Any] = {"id": self.id, "use": self.use, "public": self.public}
        if self.accept_until is not None:
            entry["accept_until"] = format_time(self.accept_until)
        return entry


@dataclass(frozen=True)
class PrivateKey:
    id: str
    use: str
    private: str
    created: datetime
    accept_until: datetime | None = None

    def signing(self) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(b64decode(self.private))

    def decryption(self) -> X25519PrivateKey:
        return X25519PrivateKey.from_private_bytes(b64decode(self.private))

    def public(self) -> PublicKey:
        if self.use == SIGNING:
            raw = _raw_public(self.signing().public_key())
        else:
            raw = _raw_public(self.decryption().public_key())
        return PublicKey(self.id, self.use, b64encode(raw), self.accept_until)

    def as_file(self) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "id": self.id,
            "use": self.use,
            "private": self.private,
            "created": format_time(self.created),
        }
        if self.accept_until is not None:
            entry["accept_until"] = format_time(self.accept_until)
        return entry


def _time(value: str | None) -> datetime | None:
    if not value:
        return None
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def generate(use: str, now: datetime) -> PrivateKey:
    from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

    private: Ed25519PrivateKey | X25519PrivateKey = (
        Ed25519PrivateKey.generate() if use == SIGNING else X25519PrivateKey.generate()
    )
    raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return PrivateKey(key_id(_raw_public(private.public_key())), use, b64encode(raw), now)


@dataclass(frozen=True)
class KeyRing:
    """This instance's private keys, newest first per use."""

    instance: str
    keys: tuple[PrivateKey, ...]

    def current(self, use: str) -> PrivateKey:
        return next(key for key in self.keys if key.use == use)

    def find(self, use: str, kid: str, now: datetime) -> PrivateKey | None:
        for key in self.keys:
            if key.use == use and key.id == kid:
                usable = key.accept_until is None or now <= key.accept_until
                return key if usable else None
        return None

    def public_keys(self, now: datetime) -> list[PublicKey]:
        return [
            k.public()
            for k in self.keys
            if k.accept_until is None or now <= k.accept_until  # expired keys are not announced
        ]

    def rotated(self, now: datetime, accept_until: datetime) -> KeyRing:
        """A new signing and encryption key in front; the current ones kept until a date."""
        kept = []
        for key in self.keys:
            if key.accept_until is None:
                key = PrivateKey(key.id, key.use, key.private, key.created, accept_until)
            kept.append(key)
        fresh = (generate(SIGNING, now), generate(ENCRYPTION, now))
        return KeyRing(self.instance, (*fresh, *kept))

    def to_json(self) -> str:
        return json.dumps(
            {"instance": self.instance, "keys": [k.as_file() for k in self.keys]}, indent=2
        )


def load(path: Path) -> KeyRing:
    data = json.loads(path.read_text())
    keys = tuple(
        PrivateKey(
            id=k["id"],
            use=k["use"],
            private=k["private"],
            created=_time(k["created"]) or datetime.now(UTC),
            accept_until=_time(k.get("accept_until")),
        )
        for k in data["keys"]
    )
    return KeyRing(data["instance"], keys)


def save(ring: KeyRing, path: Path) -> None:
    """Write the key file atomically, readable by its owner only."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(ring.to_json())
    os.replace(temporary, path)


def new_ring(instance: str, now: datetime) -> KeyRing:
    return KeyRing(instance, (generate(SIGNING, now), generate(ENCRYPTION, now)))


# Federation cards -------------------------------------------------------------------------


def card(
    *, instance: str, country: str, name: str, address: str, keys: list[PublicKey]
) -> dict[str, Any]:
    """The public card an administrator hands to a peer (X-Road's configuration anchor)."""
    return {
        "card": CARD_VERSION,
        "instance": instance,
        "country": country,
        "name": name,
        "address": address,
        "keys": [key.as_card() for key in keys],
    }


def fingerprint(card_data: dict[str, Any]) -> str:
    """SHA-256 of the card's instance, address and keys, grouped for reading aloud."""
    bound = {
        "instance": card_data["instance"],
        "address": card_data["address"],
        "keys": sorted((k["use"], k["public"]) for k in card_data["keys"]),
    }
    digest = hashlib.sha256(canonical(bound)).hexdigest()[:40].upper()
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def public_keys_of(card_data: dict[str, Any]) -> list[PublicKey]:
    return [
        PublicKey(k["id"], k["use"], k["public"], _time(k.get("accept_until")))
        for k in card_data["keys"]
    ]

"""This instance's identity in the federation: its id, address, keys and card."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from childpath.exchange import keys


def instance_id() -> str:
    return str(settings.CHILDPATH_INSTANCE_ID)


def address() -> str:
    return str(settings.FEDERATION_ADDRESS)


@lru_cache(maxsize=4)
def _load(path: str, modified: float) -> keys.KeyRing:
    return keys.load(Path(path))


def ring() -> keys.KeyRing:
    """The key ring, re-read when the file changes (a rotation needs no restart)."""
    path = Path(settings.FEDERATION_KEYS_FILE)
    try:
        modified = path.stat().st_mtime
    except FileNotFoundError as error:
        raise ImproperlyConfigured(
            f"No federation keys at {path}: run scripts/ensure_keys.py (make run does)."
        ) from error
    loaded = _load(str(path), modified)
    if loaded.instance != instance_id():
        raise ImproperlyConfigured(f"{path} holds the keys of another instance.")
    return loaded


def own_card(now: datetime) -> dict[str, Any]:
    return keys.card(
        instance=instance_id(),
        country=str(settings.CHILDPATH_COUNTRY),
        name=str(settings.CHILDPATH_INSTANCE_NAME),
        address=address(),
        keys=ring().public_keys(now),
    )

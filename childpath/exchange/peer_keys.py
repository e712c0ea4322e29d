"""The registry's public signing keys of a peer, for the apps beside this one that verify what
a peer signed (statistics releases; slot "peers" in childpath/lib/slots.py). One query."""

from __future__ import annotations

from typing import Any

from childpath.exchange.keys import SIGNING
from childpath.exchange.models import Peer, PeerStatus
from childpath.lib import slots


def peer(instance: str) -> dict[str, Any] | None:
    found = Peer.objects.filter(instance_id=instance).first() if instance else None
    if found is None:
        return None
    return {
        "name": found.name,
        "country": found.country,
        "confirmed": found.status == PeerStatus.ACTIVE,
        "signing_keys": [k["public"] for k in found.keys if k.get("use") == SIGNING],
    }


def register() -> None:
    slots.register("peers", name="exchange.peers", order=10, context=peer)

"""The fictional demo's matching: a linkage key shared with a fictional peer instance, so the
focal point can ask from a case page. Idempotent: nothing is created twice."""

from typing import Any

from childpath.matching.models import PeerPolicy
from childpath.matching.services import current_key, rotate_key

# The fictional Serbian demo instance that `make run` pairs with this one (its instance id):
# scripts/peer_demo.sh gives it the same key, so a question travels there and back.
DEMO_PEER = "childpath-rs-demo"


def load(**_: Any) -> dict[str, int]:
    PeerPolicy.objects.get_or_create(
        peer=DEMO_PEER, defaults={"may_ask": True, "queries_per_hour": 30}
    )
    created = 0
    if current_key(DEMO_PEER) is None:
        rotate_key(actor=None, peer=DEMO_PEER)
        created = 1
    return {"linkage_keys": created}

"""The hash chain of audit events, pure: plain values in, hex digests out.

Each event's hash covers its own fields and the previous event's hash, so editing or
deleting any row breaks every link after it (DESIGN.md section 6.4).
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def event_hash(fields: Mapping[str, Any], previous_hash: str) -> str:
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{previous_hash}\n{canonical}".encode()).hexdigest()


@dataclass(frozen=True)
class Broken:
    """The first event whose link does not hold, and why."""

    event_id: int
    reason: str


def first_broken(
    events: Iterable[tuple[int, Mapping[str, Any], str, str]],
    *,
    head: tuple[int, str] | None,
) -> Broken | None:
    """Walk ``(id, fields, previous_hash, hash)`` in id order.

    ``head`` is the last (id, hash) the application wrote; it catches a deleted tail.
    """
    expected_previous = GENESIS
    last: tuple[int, str] = (0, GENESIS)
    for event_id, fields, previous_hash, stored_hash in events:
        if previous_hash != expected_previous:
            return Broken(event_id, "previous hash does not match the event before it")
        if event_hash(fields, previous_hash) != stored_hash:
            return Broken(event_id, "contents do not match the stored hash")
        expected_previous = stored_hash
        last = (event_id, stored_hash)
    if head is not None and last != head:
        return Broken(head[0], f"events after {last[0]} are missing")
    return None

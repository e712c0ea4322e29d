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


def _canonical(fields: Mapping[str, Any]) -> str:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_hash(fields: Mapping[str, Any], previous_hash: str) -> str:
    return hashlib.sha256(f"{previous_hash}\n{_canonical(fields)}".encode()).hexdigest()


def digest(content: Mapping[str, Any]) -> str:
    """The digest of a row the chain covers without holding it (a case timeline entry)."""
    return hashlib.sha256(_canonical(content).encode()).hexdigest()


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


def first_unmatched(
    covered: Iterable[tuple[int, int, str]],
    rows: Mapping[int, Mapping[str, Any]],
    *,
    uncovered: Iterable[int] = (),
) -> Broken | None:
    """Check the rows the chain covers: ``(event id, row id, digest)`` in event order against
    the rows as they are now; ``uncovered`` are row ids that no event covers (added later)."""
    for event_id, row_id, expected in covered:
        row = rows.get(row_id)
        if row is None:
            return Broken(event_id, f"timeline entry {row_id} is missing")
        if digest(row) != expected:
            return Broken(event_id, f"timeline entry {row_id} does not match its stored digest")
    for row_id in uncovered:
        return Broken(0, f"timeline entry {row_id} is covered by no audit event")
    return None

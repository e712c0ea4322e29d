"""The hash chain of audit events, pure: plain values in, hex digests out.

Each event's hash covers its own fields and the previous event's hash, so editing or
deleting any row breaks every link after it (DESIGN.md section 6.4).
"""

import hashlib
import json
from collections import deque
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
    """The first event (or root anchor) whose link does not hold, and why."""

    event_id: int
    reason: str
    where: str = "event"


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


# Sharded chains (issue 17). Writers append to one of several shard chains, each with its own
# head row, so appends no longer queue behind one lock. A root chain of anchors records every
# shard's head at short intervals; verifying checks every shard's links, the root's links, and
# that every anchored (event id, hash) is still an event of its shard with that hash, so a
# shard's tail cannot be cut off behind an anchor even if its head row is rewritten too.

Event = tuple[int, int, Mapping[str, Any], str, str]  # id, shard, fields, previous, hash


def anchor_fields(at: str, heads: Iterable[tuple[int, int, str]]) -> dict[str, Any]:
    """What an anchor's hash covers: its time and every shard's (shard, last id, last hash)."""
    return {"at": at, "heads": [list(head) for head in sorted(heads)]}


def anchored_heads(
    anchors: Iterable[tuple[int, Mapping[str, Any]]],
) -> tuple[dict[int, list[tuple[int, str]]], Broken | None]:
    """Per shard, the distinct (event id, hash) the anchors recorded, in ascending id order.

    A shard's head only moves forward, so an anchor that records an older head than the one
    before it means a head row was rewritten between them.
    """
    per_shard: dict[int, list[tuple[int, str]]] = {}
    for anchor_id, fields in anchors:
        for shard, event_id, event_digest in fields["heads"]:
            if not event_id:
                continue
            seen = per_shard.setdefault(shard, [])
            if seen and event_id < seen[-1][0]:
                return per_shard, Broken(
                    anchor_id, f"the head of shard {shard} went back", where="anchor"
                )
            if seen and event_id == seen[-1][0]:
                if event_digest != seen[-1][1]:
                    return per_shard, Broken(
                        anchor_id, f"shard {shard} anchored with two hashes", where="anchor"
                    )
                continue
            seen.append((event_id, event_digest))
    return per_shard, None


def first_broken_shards(
    events: Iterable[Event],
    *,
    heads: Mapping[int, tuple[int, str]],
    anchored: Mapping[int, Iterable[tuple[int, str]]],
) -> Broken | None:
    """Walk every shard's chain at once, events in id order (ids grow within a shard because
    its head row is locked from the insert to the commit).

    ``heads`` is each shard's head row (last id, last hash); ``anchored`` what the root
    anchored per shard (``anchored_heads``).
    """
    last: dict[int, tuple[int, str]] = {}
    pending = {shard: deque(entries) for shard, entries in anchored.items()}
    for event_id, shard, fields, previous_hash, stored_hash in events:
        expected_previous = last.get(shard, (0, GENESIS))[1]
        if previous_hash != expected_previous:
            return Broken(event_id, "previous hash does not match the event before it")
        if event_hash(fields, previous_hash) != stored_hash:
            return Broken(event_id, "contents do not match the stored hash")
        queue = pending.get(shard)
        if queue and queue[0][0] < event_id:
            return Broken(queue[0][0], f"the event anchored for shard {shard} is missing")
        if queue and queue[0][0] == event_id:
            if queue[0][1] != stored_hash:
                return Broken(event_id, "the hash anchored for it does not match")
            queue.popleft()
        last[shard] = (event_id, stored_hash)
    for shard in sorted(set(last) | set(heads) | set(pending)):
        tail = last.get(shard, (0, GENESIS))
        queue = pending.get(shard)
        if queue:
            return Broken(queue[0][0], f"events after {tail[0]} are missing (anchored)")
        head = heads.get(shard)
        if head is None:
            if shard in last:
                return Broken(tail[0], f"the head of shard {shard} is missing")
            continue
        if tail != head:
            return Broken(head[0], f"events after {tail[0]} are missing")
    return None

"""The pure hash chain: plain tuples in, the first broken link out (no database)."""

from childpath.audit.chain import (
    GENESIS,
    Broken,
    anchored_heads,
    event_hash,
    first_broken,
    first_broken_shards,
)


def _chain(count: int) -> list[tuple[int, dict[str, object], str, str]]:
    events = []
    previous = GENESIS
    for event_id in range(1, count + 1):
        fields = {"action": "case.read", "actor": "fictional.user", "n": event_id}
        digest = event_hash(fields, previous)
        events.append((event_id, fields, previous, digest))
        previous = digest
    return events


def _head(events):
    return (events[-1][0], events[-1][3])


def test_it_accepts_an_empty_chain():
    assert first_broken([], head=None) is None


def test_it_accepts_an_empty_chain_at_the_genesis_head():
    assert first_broken([], head=(0, GENESIS)) is None


def test_it_accepts_an_intact_chain():
    events = _chain(5)
    assert first_broken(events, head=_head(events)) is None


def test_it_hashes_the_same_fields_in_any_key_order():
    assert event_hash({"a": 1, "b": 2}, GENESIS) == event_hash({"b": 2, "a": 1}, GENESIS)


def test_it_hashes_differently_after_another_previous_hash():
    assert event_hash({"a": 1}, GENESIS) != event_hash({"a": 1}, "f" * 64)


def test_it_finds_changed_contents():
    events = _chain(5)
    event_id, fields, previous, digest = events[2]
    events[2] = (event_id, {**fields, "action": "case.update"}, previous, digest)
    assert first_broken(events, head=_head(events)) == Broken(
        3, "contents do not match the stored hash"
    )


def test_it_finds_a_recomputed_hash_at_the_next_event():
    # Whoever edits a row and rehashes it still breaks the link of the row after it.
    events = _chain(5)
    event_id, fields, previous, _digest = events[2]
    changed = {**fields, "action": "case.update"}
    events[2] = (event_id, changed, previous, event_hash(changed, previous))
    broken = first_broken(events, head=_head(events))
    assert broken is not None
    assert broken.event_id == 4


def test_it_finds_a_deleted_middle_event():
    events = _chain(5)
    head = _head(events)
    del events[2]
    assert first_broken(events, head=head) == Broken(
        4, "previous hash does not match the event before it"
    )


def test_it_finds_a_deleted_first_event():
    events = _chain(3)
    head = _head(events)
    del events[0]
    broken = first_broken(events, head=head)
    assert broken is not None
    assert broken.event_id == 2


def test_it_finds_a_deleted_last_event_through_the_head():
    events = _chain(5)
    head = _head(events)
    del events[-1]
    assert first_broken(events, head=head) == Broken(5, "events after 4 are missing")


def test_it_finds_every_event_deleted_through_the_head():
    events = _chain(2)
    assert first_broken([], head=_head(events)) == Broken(2, "events after 0 are missing")


def test_it_cannot_find_a_deleted_tail_without_a_head():
    events = _chain(5)
    assert first_broken(events[:-1], head=None) is None


def test_it_reports_only_the_first_break():
    events = _chain(6)
    for index in (1, 4):
        event_id, fields, previous, digest = events[index]
        events[index] = (event_id, {**fields, "n": 0}, previous, digest)
    broken = first_broken(events, head=_head(events))
    assert broken is not None
    assert broken.event_id == 2


def test_it_reads_the_events_lazily():
    # The command streams millions of rows: a generator must do.
    events = _chain(3)
    assert first_broken(iter(events), head=_head(events)) is None


# Sharded chains (issue 17).


def _sharded(layout: str) -> list[tuple[int, int, dict[str, object], str, str]]:
    """Events in id order; ``layout`` names each event's shard, e.g. "0101"."""
    last: dict[int, str] = {}
    events = []
    for event_id, shard_name in enumerate(layout, start=1):
        shard = int(shard_name)
        fields: dict[str, object] = {"n": event_id, "shard": shard}
        previous = last.get(shard, GENESIS)
        digest = event_hash(fields, previous)
        events.append((event_id, shard, fields, previous, digest))
        last[shard] = digest
    return events


def _heads(events):
    return {e[1]: (e[0], e[4]) for e in events}


def test_it_accepts_interleaved_shards():
    events = _sharded("010120")
    assert first_broken_shards(events, heads=_heads(events), anchored={}) is None


def test_it_finds_a_deleted_event_at_the_next_of_its_shard():
    events = _sharded("0101")
    heads = _heads(events)
    del events[1]  # id 2, shard 1
    assert first_broken_shards(events, heads=heads, anchored={}) == Broken(
        4, "previous hash does not match the event before it"
    )


def test_it_finds_an_anchored_tail_cut_with_its_head_rewritten():
    events = _sharded("0101")
    anchored = {1: [(4, events[3][4])]}
    cut = events[:3]
    heads = _heads(cut)  # the head of shard 1 rewritten to event 2
    broken = first_broken_shards(cut, heads=heads, anchored=anchored)
    assert broken == Broken(4, "events after 2 are missing (anchored)")


def test_it_finds_an_anchored_hash_that_does_not_match():
    events = _sharded("01")
    anchored = {1: [(2, "f" * 64)]}
    assert first_broken_shards(events, heads=_heads(events), anchored=anchored) == Broken(
        2, "the hash anchored for it does not match"
    )


def test_it_finds_a_missing_anchored_event_in_the_middle():
    events = _sharded("0111")
    anchored = {1: [(3, events[2][4])]}
    del events[2]
    broken = first_broken_shards(events, heads=_heads(events), anchored=anchored)
    assert broken is not None
    assert broken.event_id == 4  # its link breaks first


def test_it_finds_a_shard_without_a_head():
    events = _sharded("01")
    heads = _heads(events)
    del heads[1]
    assert first_broken_shards(events, heads=heads, anchored={}) == Broken(
        2, "the head of shard 1 is missing"
    )


def test_anchored_heads_are_distinct_and_ascending():
    anchors = [
        (1, {"heads": [[0, 0, GENESIS], [1, 2, "b"]]}),
        (2, {"heads": [[0, 3, "c"], [1, 2, "b"]]}),
    ]
    assert anchored_heads(anchors) == ({0: [(3, "c")], 1: [(2, "b")]}, None)


def test_anchored_heads_find_a_head_that_went_back():
    anchors = [(1, {"heads": [[1, 5, "e"]]}), (2, {"heads": [[1, 4, "d"]]})]
    _, broken = anchored_heads(anchors)
    assert broken == Broken(2, "the head of shard 1 went back", where="anchor")

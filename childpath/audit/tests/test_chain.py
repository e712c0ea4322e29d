"""The pure hash chain: plain tuples in, the first broken link out (no database)."""

from childpath.audit.chain import GENESIS, Broken, event_hash, first_broken


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

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from childpath.linkage import Encoder, Record, RecordError, generate_key
from childpath.linkage.compare import dice
from childpath.linkage.encoding import ENCODING_BYTES, EncodingSet

KEY = generate_key()
OTHER = generate_key()
RECORDS = st.builds(
    Record,
    id=st.text(alphabet="ABC123", min_size=1, max_size=5),
    given_names=st.sampled_from(["Олена", "Ioana", "Mohammed Ali", "", "Đorđe"]),
    family_name=st.sampled_from(["Шевченко", "Popescu", "Haddad", "Петровић"]),
    date_of_birth=st.sampled_from(["", "2010", "2009-03-14", "2008-2011", "14.03.2009"]),
    sex=st.sampled_from(["", "m", "f"]),
    language=st.sampled_from(["", "uk", "sr", "ro", "ar"]),
)


def filters(key, record):
    encoder = Encoder(key)
    return EncodingSet.from_bytes([record.id], [encoder.encode(record)], key.key_id)


@settings(max_examples=50)
@given(RECORDS)
def test_it_encodes_the_same_record_the_same_way(record):
    assert Encoder(KEY).encode(record) == Encoder(KEY).encode(record)
    assert len(Encoder(KEY).encode(record)) == ENCODING_BYTES


@settings(max_examples=30)
@given(RECORDS)
def test_it_gives_unrelated_encodings_under_another_key(record):
    mine, theirs = filters(KEY, record), filters(OTHER, record)
    similarity = dice(mine.family, theirs.family, mine.pop_family, theirs.pop_family)[0]
    assert similarity < 0.6


def test_it_gives_equal_names_in_different_records_different_filters():
    one = filters(KEY, Record("1", "Ioana", "Popescu", "2010-01-02"))
    two = filters(KEY, Record("2", "Ioana", "Popescu", "2011-05-06"))
    assert not np.array_equal(one.family, two.family)
    assert dice(one.family, two.family, one.pop_family, two.pop_family)[0] > 0.9


@pytest.mark.parametrize(
    ("field", "record"),
    [
        ("date_of_birth", Record("1", "A", "B", "2009-02-30")),
        ("date_of_birth", Record("1", "A", "B", "2009-13-01")),
        ("date_of_birth", Record("1", "A", "B", "3000")),
        ("language", Record("1", "A", "B", "", "", "klingon")),
        ("sex", Record("1", "A", "B", "", "q")),
    ],
)
def test_it_names_the_field_of_a_bad_record(field, record):
    with pytest.raises(RecordError) as error:
        Encoder(KEY).encode(record)
    assert error.value.field == field


@settings(max_examples=30, deadline=None)
@given(
    st.integers(0, 2**32 - 1),
    st.sampled_from([0.5, 0.8, 0.9, 1.0]),
    st.sampled_from([2, 16, 32]),
    st.integers(1, 40),
)
def test_its_dice_search_finds_exactly_the_pairs_above_the_threshold(seed, threshold, words, n):
    from childpath.linkage.search import dice_search

    rng = np.random.default_rng(seed)

    def filters(rows):
        # densities from 1/2 to 1/16 row by row, so that the popcount window has work to do
        out = rng.integers(0, 2**63, (rows, words), dtype=np.uint64)
        for sparser in range(1, 4):
            out[rows * sparser // 4 :] &= rng.integers(0, 2**63, (1, words), dtype=np.uint64)
        return out[rng.permutation(rows)]

    left, right = filters(n), filters(300)
    # near copies, so that some pairs pass
    right[:20] = left[rng.integers(0, n, 20)] ^ (
        rng.integers(0, 2**63, (20, words), dtype=np.uint64)
        & rng.integers(0, 2**63, (20, words), dtype=np.uint64)
        & rng.integers(0, 2**63, (20, words), dtype=np.uint64)
    )
    right[20] = left[0]
    # small blocks, so that a search spans several tiles and blocks
    found_left, found_right, values = dice_search(left, right, threshold, call_words=512)
    # brute force, in float64 as 2|A∧B| / (|A|+|B|) is compared with the threshold
    inter = np.bitwise_count(left[:, None, :] & right[None, :, :]).sum(axis=2)
    total = np.bitwise_count(left).sum(axis=1)[:, None] + np.bitwise_count(right).sum(axis=1)
    exact = 2 * inter / np.maximum(total, 1)
    expected = set(zip(*np.nonzero(exact >= threshold), strict=True))
    assert set(zip(found_left.tolist(), found_right.tolist(), strict=True)) == expected
    assert np.all(values >= threshold)

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from childpath.linkage import default_model, fit
from childpath.linkage.compare import LEVELS

LEVEL = st.tuples(*(st.integers(0, n - 1) for n in LEVELS))


@given(LEVEL, st.integers(0, 3))
def test_it_never_scores_more_agreement_lower(levels, field):
    model = default_model()
    row = np.array([levels], dtype=np.int8)
    if row[0, field] <= 1:
        return
    better = row.copy()
    better[0, field] -= 1  # a lower level number is more agreement
    assert model.log_odds(better)[0] >= model.log_odds(row)[0]


def test_it_estimates_weights_without_labels():
    rng = np.random.default_rng(1)
    matches = np.column_stack(
        [
            rng.choice([1, 2, 3], 500),
            rng.choice([1, 2], 500),
            rng.choice([1, 2, 4], 500),
            np.ones(500),
        ]
    )

    def different_people(count):
        return np.column_stack(
            [
                rng.choice([4, 5, 6], count, p=[0.05, 0.15, 0.8]),
                rng.choice([3, 5, 6], count, p=[0.02, 0.1, 0.88]),
                rng.choice([1, 4, 6], count, p=[0.01, 0.2, 0.79]),
                rng.choice([1, 2], count),
            ]
        )

    # Without blocking, the compared non-matches are like random pairs (u from a sample).
    others = different_people(20000)
    levels = np.vstack([matches, others]).astype(np.int8)
    random_pairs = different_people(5000)
    from childpath.linkage.model import level_shares

    model = fit(levels, u=level_shares(random_pairs.astype(np.int8)))
    probability = model.probability(levels)
    assert probability[:500].mean() > 0.9
    assert probability[500:].mean() < 0.05


def _pairs(left, right):
    from childpath.linkage.compare import Comparison

    n = len(left)
    empty = np.zeros(n, dtype=np.float32)
    return Comparison(
        np.asarray(left), np.asarray(right), np.zeros((n, 4), np.int8), empty, empty, empty > 0
    )


def test_it_estimates_how_many_records_have_a_match():
    from childpath.linkage.link import one_match_each

    rng = np.random.default_rng(2)
    # 600 of 1,000 records have their match among the candidates (a strong likelihood ratio),
    # and every record has 5 candidates that are other people (a weak one).
    left = np.concatenate([np.arange(600), rng.integers(0, 1000, 5000)])
    right = np.concatenate([np.arange(600), np.repeat(np.arange(1000), 5)])
    log_ratio = np.concatenate([np.full(600, np.log(1e7)), np.full(5000, np.log(0.01))])
    probability = one_match_each(_pairs(left, right), log_ratio, sizes=(1000, 1000))
    assert 580 < probability.sum() < 620
    assert probability[:600].min() > 0.99


def test_it_shares_the_probability_between_namesakes():
    from childpath.linkage.link import one_match_each

    # record 0 of the right file has two equally good candidates; record 1 one of them
    probability = one_match_each(
        _pairs([0, 1, 2], [0, 0, 1]), np.log([1e7, 1e7, 1e7]), sizes=(10, 10)
    )
    assert probability[0] <= 0.5 and probability[1] <= 0.5
    assert probability[2] > 0.9

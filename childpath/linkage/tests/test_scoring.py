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
    others = np.column_stack(
        [
            rng.choice([4, 5, 6], 20000),
            rng.choice([3, 5, 6], 20000),
            rng.choice([1, 4, 6], 20000, p=[0.01, 0.2, 0.79]),
            rng.choice([1, 2], 20000),
        ]
    )
    levels = np.vstack([matches, others]).astype(np.int8)
    random_pairs = np.column_stack(
        [np.full(1000, 6), np.full(1000, 6), np.full(1000, 6), rng.choice([1, 2], 1000)]
    )
    from childpath.linkage.model import level_shares

    model = fit(levels, u=level_shares(random_pairs.astype(np.int8)))
    probability = model.probability(levels)
    assert probability[:500].mean() > 0.9
    assert probability[500:].mean() < 0.05

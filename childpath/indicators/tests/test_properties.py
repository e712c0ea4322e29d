"""Properties of the decision rule, checked with Hypothesis over synthetic screenings.

The rule must be monotone (more or stronger evidence never lowers the result), give children at
least the adult result, presume minority when age is uncertain or unknown, ignore the order of
the observations, and keep country extensions out of the core result (DESIGN.md rules 3-7).
"""

from __future__ import annotations

from random import Random

from hypothesis import given
from hypothesis import strategies as st

from childpath.indicators.catalogue import Catalogue, load_catalogue
from childpath.indicators.engine import RESULT_ORDER, STATUSES, Evaluation, evaluate

CATALOGUE = load_catalogue()
WITH_EXTENSION = load_catalogue(extension="SE")
CORE_IDS = sorted(i.id for i in CATALOGUE.indicators)
EXTENSION_IDS = sorted(i.id for i in WITH_EXTENSION.extension_indicators)

# Evidence order of statuses: moving up this order must never lower the result.
LEVEL = {"not_observed": 0, "unknown": 0, "suspected": 1, "reported": 2, "observed": 2}

observations = st.dictionaries(st.sampled_from(CORE_IDS), st.sampled_from(STATUSES), max_size=30)
# The indicators new in 2026.2, drawn on their own too so that every property is tried on them
# often rather than by chance among sixty-eight.
NEW_IDS = sorted(set(CORE_IDS) - {i.id for i in load_catalogue(version="2026.1").indicators})
new_observations = st.dictionaries(st.sampled_from(NEW_IDS), st.sampled_from(STATUSES), max_size=8)
ages = st.none() | st.integers(min_value=0, max_value=120)
indicator_ids = st.sampled_from(CORE_IDS)
statuses = st.sampled_from(STATUSES)


def run(
    obs: dict[str, str],
    age: int | None,
    uncertain: bool,
    catalogue: Catalogue = CATALOGUE,
) -> Evaluation:
    return evaluate(catalogue, observations=obs, age_at_exploitation=age, age_uncertain=uncertain)


def rank(evaluation: Evaluation) -> int:
    return RESULT_ORDER[evaluation.result]


@given(observations, indicator_ids, ages, st.booleans())
def test_adding_an_observed_indicator_never_lowers_the_result(
    obs: dict[str, str], extra: str, age: int | None, uncertain: bool
) -> None:
    before = run(obs, age, uncertain)
    after = run({**obs, extra: "observed"}, age, uncertain)
    assert rank(after) >= rank(before)


@given(observations, indicator_ids, statuses, statuses, ages, st.booleans())
def test_upgrading_a_status_never_lowers_the_result(
    obs: dict[str, str], ident: str, a: str, b: str, age: int | None, uncertain: bool
) -> None:
    low, high = sorted((a, b), key=LEVEL.__getitem__)
    lower = run({**obs, ident: low}, age, uncertain)
    higher = run({**obs, ident: high}, age, uncertain)
    assert rank(higher) >= rank(lower)
    if LEVEL[low] == LEVEL[high]:
        # observed = reported, and not_observed = unknown, as far as the result goes.
        assert lower.result == higher.result


@given(observations, st.integers(min_value=0, max_value=17), st.integers(18, 120))
def test_the_child_rule_never_gives_less_than_the_adult_rule(
    obs: dict[str, str], child_age: int, adult_age: int
) -> None:
    child = run(obs, child_age, False)
    adult = run(obs, adult_age, False)
    assert (child.rule, adult.rule) == ("child", "adult")
    assert rank(child) >= rank(adult)


@given(observations, ages)
def test_uncertain_age_is_always_assessed_as_a_child(obs: dict[str, str], age: int | None) -> None:
    evaluation = run(obs, age, True)
    assert evaluation.rule == "child"
    assert evaluation.rule_basis == "age_uncertain"
    # Presumption of minority: the same as a child of certain age.
    assert evaluation.result == run(obs, 10, False).result


@given(observations)
def test_unknown_age_is_assessed_as_a_child(obs: dict[str, str]) -> None:
    evaluation = run(obs, None, False)
    assert (evaluation.rule, evaluation.rule_basis) == ("child", "age_unknown")


@given(observations, ages, st.booleans(), st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_the_order_of_observations(
    obs: dict[str, str], age: int | None, uncertain: bool, rng: Random
) -> None:
    items = list(obs.items())
    rng.shuffle(items)
    assert run(dict(items), age, uncertain).as_dict() == run(obs, age, uncertain).as_dict()


@given(observations, ages, st.booleans())
def test_the_engine_is_deterministic(obs: dict[str, str], age: int | None, uncertain: bool) -> None:
    assert run(obs, age, uncertain) == run(obs, age, uncertain)


@given(
    observations,
    st.dictionaries(st.sampled_from(EXTENSION_IDS), statuses),
    ages,
    st.booleans(),
)
def test_extension_observations_never_change_the_core_result(
    obs: dict[str, str], extra: dict[str, str], age: int | None, uncertain: bool
) -> None:
    core = run(obs, age, uncertain, WITH_EXTENSION).as_dict()
    mixed = run({**obs, **extra}, age, uncertain, WITH_EXTENSION).as_dict()
    for key in ("result", "rule", "dimensions", "reasons", "missing", "missing_elements"):
        assert mixed[key] == core[key]
    assert core == run(obs, age, uncertain, CATALOGUE).as_dict() | {"extension_country": "SE"}


@given(observations, ages, st.booleans())
def test_missing_is_empty_exactly_when_presumed(
    obs: dict[str, str], age: int | None, uncertain: bool
) -> None:
    evaluation = run(obs, age, uncertain)
    assert (evaluation.result == "presumed_victim") == (evaluation.missing_elements == ())


@given(observations, ages, st.booleans())
def test_no_indication_exactly_when_nothing_counts(
    obs: dict[str, str], age: int | None, uncertain: bool
) -> None:
    evaluation = run(obs, age, uncertain)
    counts = any(LEVEL[status] > 0 for status in obs.values())
    assert (evaluation.result == "no_indication") == (not counts)


@given(new_observations, st.sampled_from(NEW_IDS), ages, st.booleans())
def test_adding_a_new_indicator_never_lowers_the_result(
    obs: dict[str, str], extra: str, age: int | None, uncertain: bool
) -> None:
    assert rank(run({**obs, extra: "observed"}, age, uncertain)) >= rank(run(obs, age, uncertain))


@given(new_observations, st.sampled_from(NEW_IDS), statuses, statuses, ages, st.booleans())
def test_upgrading_a_new_indicator_never_lowers_the_result(
    obs: dict[str, str], ident: str, a: str, b: str, age: int | None, uncertain: bool
) -> None:
    low, high = sorted((a, b), key=LEVEL.__getitem__)
    assert rank(run({**obs, ident: high}, age, uncertain)) >= rank(
        run({**obs, ident: low}, age, uncertain)
    )


@given(new_observations, st.integers(min_value=0, max_value=17), st.integers(18, 120))
def test_the_child_rule_never_gives_less_on_the_new_indicators(
    obs: dict[str, str], child_age: int, adult_age: int
) -> None:
    assert rank(run(obs, child_age, False)) >= rank(run(obs, adult_age, False))


@given(new_observations, ages, st.booleans(), st.randoms(use_true_random=False))
def test_the_new_indicators_do_not_depend_on_order(
    obs: dict[str, str], age: int | None, uncertain: bool, rng: Random
) -> None:
    items = list(obs.items())
    rng.shuffle(items)
    assert run(dict(items), age, uncertain).as_dict() == run(obs, age, uncertain).as_dict()

"""The engine gives exactly the stored answers for a fixed set of random screenings.

``engine_regression.json`` was written by ``make_regression_fixture.py`` with the engine as it was
before the speed work (regenerated once for the ``child_sufficient`` change of the child rule);
any optimisation must leave every ``as_dict()`` identical, key order of the lists included. The
observations are stored shuffled, so order-independence is covered too. The fixture was made with
catalogue 2026.1, and that published version, still loadable, must keep giving the same answers.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from childpath.indicators.catalogue import load_catalogue
from childpath.indicators.engine import evaluate
from childpath.indicators.tests.make_regression_fixture import FIXTURE

FIXTURE_VERSION = "2026.1"
CASES: list[dict[str, Any]] = json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_the_fixture_covers_every_result_and_rule_basis() -> None:
    results = {case["expected"]["result"] for case in CASES}
    bases = {case["expected"]["rule_basis"] for case in CASES}
    assert results == {"presumed_victim", "at_risk", "no_indication"}
    assert bases == {"age_uncertain", "age_unknown", "age_under_18", "age_18_or_over"}
    assert any(case["expected"]["extensions"] for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[f"case{n}" for n in range(len(CASES))])
def test_the_engine_gives_the_stored_answer(case: dict[str, Any]) -> None:
    evaluation = evaluate(
        load_catalogue(version=FIXTURE_VERSION, extension=case["extension"]),
        observations=case["observations"],
        age_at_exploitation=case["age_at_exploitation"],
        age_uncertain=case["age_uncertain"],
    )
    # Through JSON, as the web layer stores it: tuples become lists, and nothing else changes.
    assert json.loads(json.dumps(evaluation.as_dict())) == case["expected"]

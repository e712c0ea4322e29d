"""Write ``engine_regression.json``: fixed random screenings and the engine's answer to each.

The fixture pins the engine's output byte for byte, so a speed-up cannot change any result.
It was generated with the engine *before* the 2026 speed work, and regenerated once for the
deliberate change of the child rule that added ``child_sufficient`` indicators (RULES.md
section 4; 19 of the 120 cases changed, all child-rule cases with such an indicator observed or
reported: 6 from at_risk to presumed_victim, 13 only by the added reason). Regenerate it only for
a deliberate, reviewed change of the rule (and say so in the commit):

    .venv/bin/python -m childpath.indicators.tests.make_regression_fixture
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from childpath.indicators.catalogue import load_catalogue
from childpath.indicators.engine import STATUSES, evaluate

FIXTURE = Path(__file__).with_name("engine_regression.json")
SEED = 20260
CASES = 120


def _cases() -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    core_ids = [i.id for i in load_catalogue().indicators]
    all_ids = [i.id for i in load_catalogue(extension="SE").indicators]
    cases: list[dict[str, Any]] = []
    for n in range(CASES):
        extension = "SE" if n % 3 == 0 else None
        ids = all_ids if extension else core_ids
        shape = n % 4
        if shape == 0:  # dense: every indicator answered, a fifth counting
            chosen = list(ids)
            weights = (2, 1, 1, 10, 6)
        elif shape == 1:  # typical: all answered, a handful observed or unknown
            chosen = list(ids)
            weights = (1, 1, 1, 40, 2)
        elif shape == 2:  # partial: a random subset, any status equally likely
            chosen = rng.sample(ids, rng.randint(0, 20))
            weights = (1, 1, 1, 1, 1)
        else:  # evidence-heavy: a small subset, mostly counting
            chosen = rng.sample(ids, rng.randint(1, 12))
            weights = (4, 2, 3, 1, 1)
        rng.shuffle(chosen)  # the engine must not depend on the order of the observations
        observations = {i: rng.choices(STATUSES, weights)[0] for i in chosen}
        cases.append(
            {
                "extension": extension,
                "observations": observations,
                "age_at_exploitation": rng.choice([None, 0, 9, 15, 17, 18, 19, 30, 120]),
                "age_uncertain": rng.random() < 0.2,
            }
        )
    return cases


def expected(case: dict[str, Any]) -> dict[str, Any]:
    """The engine's answer for one stored case, as JSON-ready data."""
    evaluation = evaluate(
        load_catalogue(extension=case["extension"]),
        observations=case["observations"],
        age_at_exploitation=case["age_at_exploitation"],
        age_uncertain=case["age_uncertain"],
    )
    return evaluation.as_dict()


def main() -> None:
    cases = [{**case, "expected": expected(case)} for case in _cases()]
    # One case per line: small diffs, and a reviewer can find a case by its line.
    lines = ",\n".join(json.dumps(case, sort_keys=True, ensure_ascii=False) for case in cases)
    FIXTURE.write_text(f"[\n{lines}\n]\n", encoding="utf-8")
    print(f"wrote {len(cases)} cases to {FIXTURE}")


if __name__ == "__main__":
    main()

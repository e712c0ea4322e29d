"""Feedback on a practice screening: what was missed, what was over-read, and how to ask.

Pure: it compares the professional's answers with the situation's expected ones. A sign is
*missed* when the story shows it and the answer gives it less weight than expected (for
example "not seen" or "suspected" where the child told it); *over-read* when the answer records
as seen, told or suspected a sign the story does not show. Agreement is about the engine's
result: the same result as expected, whichever way it was reached.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from childpath.indicators.catalogue import Catalogue
from childpath.indicators.engine import RESULT_ORDER
from childpath.practice.situations import LEVEL, Situation


@dataclass(frozen=True, slots=True)
class Feedback:
    result: str
    expected_result: str
    agrees: bool
    # Compared with expected: "higher" means the professional's result was the stricter one.
    direction: str
    missed: tuple[str, ...]
    over_read: tuple[str, ...]
    age_differs: bool

    def as_dict(self) -> dict[str, object]:
        return {
            "result": self.result,
            "expected_result": self.expected_result,
            "agrees": self.agrees,
            "direction": self.direction,
            "missed": list(self.missed),
            "over_read": list(self.over_read),
            "age_differs": self.age_differs,
        }


def compare(
    catalogue: Catalogue,
    situation: Situation,
    *,
    answers: Mapping[str, str],
    result: str,
    age: int | None,
    age_uncertain: bool,
) -> Feedback:
    order = {indicator.id: n for n, indicator in enumerate(catalogue.indicators)}
    missed = [
        ident
        for ident, status in situation.expected.items()
        if LEVEL[answers.get(ident, "unknown")] < LEVEL[status]
    ]
    over_read = [
        ident
        for ident, status in answers.items()
        if LEVEL[status] > 0 and LEVEL[situation.expected.get(ident, "not_observed")] == 0
    ]
    gap = RESULT_ORDER[result] - RESULT_ORDER[situation.expected_result]
    return Feedback(
        result=result,
        expected_result=situation.expected_result,
        agrees=gap == 0,
        direction="same" if gap == 0 else ("higher" if gap > 0 else "lower"),
        missed=tuple(sorted(missed, key=lambda i: order.get(i, len(order)))),
        over_read=tuple(sorted(over_read, key=lambda i: order.get(i, len(order)))),
        age_differs=(age, age_uncertain) != (situation.age, situation.age_uncertain),
    )

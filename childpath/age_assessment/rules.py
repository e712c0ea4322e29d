"""The rules of an age assessment and of turning 18, pure (no Django): plain data in and out.

How an assessment changes the age that counts lives with the rest of the presumption of
minority in ``childpath.cases.age``; this module checks what may be recorded and decides when
the coordinator must plan the handover to adult services.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from childpath.cases.age import ADULT_AGE, Outcome

# The range an assessment may give, in years.
MIN_AGE = 0
MAX_AGE = 30
METHODS = ("documents", "interview", "multidisciplinary", "medical")
MEDICAL = "medical"


class Problem(StrEnum):
    UNKNOWN_METHOD = "unknown_method"
    UNKNOWN_OUTCOME = "unknown_outcome"
    HALF_A_RANGE = "half_a_range"
    OUT_OF_RANGE = "out_of_range"
    MINIMUM_ABOVE_MAXIMUM = "minimum_above_maximum"
    FUTURE_DATE = "future_date"
    RANGE_REQUIRED = "range_required"
    ADULT_BUT_LOWER_BOUND_CHILD = "adult_but_lower_bound_child"
    CHILD_BUT_LOWER_BOUND_ADULT = "child_but_lower_bound_adult"
    MEDICAL_FIRST = "medical_first"


Problems = dict[str, list[Problem]]


@dataclass(frozen=True)
class AssessmentInput:
    method: str
    minimum: int | None
    maximum: int | None
    assessed_on: date
    outcome: str
    concluded: bool


def _range_problems(data: AssessmentInput) -> Problems:
    problems: Problems = {}
    if (data.minimum is None) != (data.maximum is None):
        missing = "minimum_age" if data.minimum is None else "maximum_age"
        return {missing: [Problem.HALF_A_RANGE]}
    for field, value in (("minimum_age", data.minimum), ("maximum_age", data.maximum)):
        if value is not None and not MIN_AGE <= value <= MAX_AGE:
            problems.setdefault(field, []).append(Problem.OUT_OF_RANGE)
    if data.minimum is not None and data.maximum is not None and data.minimum > data.maximum:
        problems.setdefault("minimum_age", []).append(Problem.MINIMUM_ABOVE_MAXIMUM)
    return problems


def _outcome_problems(data: AssessmentInput) -> Problems:
    if data.outcome not in set(Outcome):
        return {"outcome": [Problem.UNKNOWN_OUTCOME]}
    if data.minimum is None:
        # Rule 3: the assessment records a range, and the lower bound is what counts.
        settling = data.concluded and data.outcome != Outcome.UNDETERMINED
        return {"minimum_age": [Problem.RANGE_REQUIRED]} if settling else {}
    # Benefit of the doubt: the lower bound decides, so the outcome must agree with it.
    if data.outcome == Outcome.ADULT and data.minimum < ADULT_AGE:
        return {"outcome": [Problem.ADULT_BUT_LOWER_BOUND_CHILD]}
    if data.outcome == Outcome.CHILD and data.minimum >= ADULT_AGE:
        return {"outcome": [Problem.CHILD_BUT_LOWER_BOUND_ADULT]}
    return {}


def check_assessment(
    data: AssessmentInput, *, today: date, earlier_methods: Collection[str]
) -> Problems:
    """Everything wrong with an assessment, by field; empty means it may be recorded.

    ``earlier_methods``: the methods of the case's earlier assessments. A medical examination
    is a last resort, after a less intrusive method has left the age in doubt (Directive
    2011/36/EU recital 22; Council of Europe and UNICEF guidance on age assessment).
    """
    problems: Problems = {}
    if data.method not in METHODS:
        problems["method"] = [Problem.UNKNOWN_METHOD]
    elif data.method == MEDICAL and not set(earlier_methods) - {MEDICAL}:
        problems["method"] = [Problem.MEDICAL_FIRST]
    if data.assessed_on > today:
        problems["assessed_on"] = [Problem.FUTURE_DATE]
    range_problems = _range_problems(data)
    for field, found in range_problems.items():
        problems.setdefault(field, []).extend(found)
    if not range_problems:
        for field, found in _outcome_problems(data).items():
            problems.setdefault(field, []).extend(found)
    return problems


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def handover_needed(*, turns_18_on: date | None, registered_on: date, horizon: date) -> bool:
    """Whether the coordinator must plan the handover to adult services.

    From the start of the notice period (``horizon`` is today plus the profile's
    ``turning_18_notice``) until a plan is recorded, also after the birthday. Not for a person
    who was already 18 when the case opened: there was no child to hand over.
    """
    return turns_18_on is not None and registered_on <= turns_18_on <= horizon


def days_left(turns_18_on: date, today: date) -> int:
    """Days until the 18th birthday; zero on the day, negative after it."""
    return (turns_18_on - today).days

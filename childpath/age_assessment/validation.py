"""Checks shared by the pages and the API, so both give the same translated errors.

Each check returns ``{field: [message, ...]}``; empty means valid.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from childpath.age_assessment.rules import (
    MAX_AGE,
    MIN_AGE,
    AssessmentInput,
    Problem,
    check_assessment,
)

MAX_NOTES = 4000
MAX_SERVICES = 300
MAX_HANDED_OVER = 4000

Errors = dict[str, list[str]]


@dataclass
class AssessmentData:
    """What a professional records about one age assessment."""

    method: str
    assessed_on: date
    outcome: str
    concluded: bool
    minimum_age: int | None = None
    maximum_age: int | None = None
    notes: str = ""

    def as_input(self) -> AssessmentInput:
        return AssessmentInput(
            method=self.method,
            minimum=self.minimum_age,
            maximum=self.maximum_age,
            assessed_on=self.assessed_on,
            outcome=self.outcome,
            concluded=self.concluded,
        )


@dataclass
class HandoverData:
    """A plan for the handover to adult services at 18."""

    adult_services: str
    handed_over: str
    agreed_with_young_person: bool
    agreed_on: date


def message(problem: Problem) -> str:
    messages = {
        Problem.UNKNOWN_METHOD: _("Choose one of the methods."),
        Problem.UNKNOWN_OUTCOME: _("Choose one of the outcomes."),
        Problem.HALF_A_RANGE: _("Give both the lowest and the highest age, or neither."),
        Problem.OUT_OF_RANGE: _("Enter an age between %(min)d and %(max)d.")
        % {"min": MIN_AGE, "max": MAX_AGE},
        Problem.MINIMUM_ABOVE_MAXIMUM: _("The lowest age cannot be above the highest age."),
        Problem.FUTURE_DATE: _("The date cannot be in the future."),
        Problem.RANGE_REQUIRED: _(
            "A concluded assessment with the outcome child or adult needs the age range: its "
            "lowest age is the age that counts."
        ),
        Problem.ADULT_BUT_LOWER_BOUND_CHILD: _(
            "The lowest age is under 18, so the outcome cannot be adult: the benefit of the "
            "doubt takes the lowest age."
        ),
        Problem.CHILD_BUT_LOWER_BOUND_ADULT: _(
            "The lowest age is 18 or over, so the outcome cannot be child."
        ),
        Problem.MEDICAL_FIRST: _(
            "A medical examination is a last resort: record first an assessment by documents, "
            "interview or a multidisciplinary team that left the age in doubt."
        ),
    }
    return messages[problem]


def check_age_assessment(
    data: AssessmentData, *, today: date, earlier_methods: Collection[str]
) -> Errors:
    problems = check_assessment(data.as_input(), today=today, earlier_methods=earlier_methods)
    errors = {field: [message(p) for p in found] for field, found in problems.items()}
    if len(data.notes) > MAX_NOTES:
        errors.setdefault("notes", []).append(
            _("At most %(limit)d characters.") % {"limit": MAX_NOTES}
        )
    return errors


def check_handover(data: HandoverData, *, today: date) -> Errors:
    errors: Errors = {}
    if not data.adult_services.strip():
        errors["adult_services"] = [_("Name the adult services that take over.")]
    elif len(data.adult_services) > MAX_SERVICES:
        errors["adult_services"] = [_("At most %(limit)d characters.") % {"limit": MAX_SERVICES}]
    if not data.handed_over.strip():
        errors["handed_over"] = [_("Say what is handed over.")]
    elif len(data.handed_over) > MAX_HANDED_OVER:
        errors["handed_over"] = [_("At most %(limit)d characters.") % {"limit": MAX_HANDED_OVER}]
    if data.agreed_on > today:
        errors["agreed_on"] = [_("The date cannot be in the future.")]
    return errors

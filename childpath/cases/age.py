"""Age and the presumption of minority, pure (no Django).

DESIGN.md rule 3; Council of Europe Convention CETS 197 art. 10(3); Directive 2011/36/EU
art. 13(2): when age is uncertain and there are reasons to believe the person is a child,
the person is treated as a child until an age assessment concludes otherwise. The assessment
records a range; the benefit of the doubt takes its lower bound.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

ADULT_AGE = 18


class AgeBasis(StrEnum):
    DATE_OF_BIRTH = "date_of_birth"
    CLAIMED_AGE = "claimed_age"
    ASSESSMENT = "assessment"
    UNKNOWN = "unknown"


class Outcome(StrEnum):
    CHILD = "child"
    ADULT = "adult"
    UNDETERMINED = "undetermined"


@dataclass(frozen=True)
class AssessedAge:
    """The latest age assessment of a person, as plain data."""

    assessed_on: date
    method: str
    minimum: int | None
    maximum: int | None
    outcome: str
    concluded: bool

    @property
    def settles_age(self) -> bool:
        """A concluded child or adult outcome with a range ends the doubt; anything else
        (not concluded, undetermined) leaves the age in doubt."""
        return self.concluded and self.outcome != Outcome.UNDETERMINED and self.minimum is not None


@dataclass(frozen=True)
class AgeStatus:
    years: int | None
    basis: AgeBasis
    # The age is in doubt: disputed, or under an assessment that has not settled it.
    disputed: bool
    treated_as_child: bool
    # True when the child status rests on the presumption, not on a known age.
    presumed: bool
    # The latest assessment, settled or not, for display.
    assessment: AssessedAge | None = None
    # When the person turns (or turned) 18 on the same basis as ``years``; None if unknown.
    turns_18_on: date | None = None


def years_between(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def add_years(start: date, years: int) -> date:
    """The anniversary ``years`` after ``start``; 29 February falls on 1 March in other years,
    the first day on which ``years_between`` counts the full years."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28) + timedelta(days=1)


def age_status(
    *,
    date_of_birth: date | None,
    claimed_age: int | None,
    claimed_on: date | None,
    disputed: bool,
    today: date,
    assessment: AssessedAge | None = None,
) -> AgeStatus:
    """The age that counts today and whether the person is treated as a child.

    A settled assessment wins: its lower bound, grown with the years since the assessment, is
    the age (benefit of the doubt). Otherwise a date of birth wins over a claimed age; a
    claimed age grows with the years since it was claimed. Unknown or disputed age, or an
    assessment that has not settled it: treated as a child (presumption of minority).
    """
    if assessment is not None and assessment.settles_age:
        assert assessment.minimum is not None
        lower = assessment.minimum + max(years_between(assessment.assessed_on, today), 0)
        return AgeStatus(
            years=lower,
            basis=AgeBasis.ASSESSMENT,
            disputed=False,
            # The lower bound decides, whatever the outcome says (benefit of the doubt).
            treated_as_child=lower < ADULT_AGE,
            presumed=False,
            assessment=assessment,
            turns_18_on=add_years(assessment.assessed_on, ADULT_AGE - assessment.minimum),
        )
    # An assessment under way, or one that could not determine the age: still in doubt.
    disputed = disputed or assessment is not None
    turns_18_on: date | None = None
    if date_of_birth is not None:
        years: int | None = years_between(date_of_birth, today)
        basis = AgeBasis.DATE_OF_BIRTH
        turns_18_on = add_years(date_of_birth, ADULT_AGE)
    elif claimed_age is not None:
        elapsed = years_between(claimed_on, today) if claimed_on else 0
        years = claimed_age + max(elapsed, 0)
        basis = AgeBasis.CLAIMED_AGE
        if claimed_on is not None:
            turns_18_on = add_years(claimed_on, ADULT_AGE - claimed_age)
    else:
        years = None
        basis = AgeBasis.UNKNOWN
    known_child = years is not None and years < ADULT_AGE
    presumed = not known_child and (years is None or disputed)
    return AgeStatus(
        years=years,
        basis=basis,
        disputed=disputed,
        treated_as_child=known_child or presumed,
        presumed=presumed,
        assessment=assessment,
        turns_18_on=turns_18_on,
    )


AGE_BANDS = ((0, 8), (9, 11), (12, 14), (15, 17), (18, 20), (21, 120))


def age_band(years: int | None) -> str:
    """Band for statistics; 0-8 and 18-20 follow CTDC, finer bands for children."""
    if years is None:
        return "unknown"
    for low, high in AGE_BANDS:
        if low <= years <= high:
            return f"{low}-{high}"
    return "unknown"

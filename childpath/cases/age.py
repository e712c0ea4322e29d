"""Age and the presumption of minority, pure (no Django).

DESIGN.md rule 3; Council of Europe Convention CETS 197 art. 10(3); Directive 2011/36/EU
art. 13(2): when age is uncertain and there are reasons to believe the person is a child,
the person is treated as a child until an age assessment concludes otherwise.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

ADULT_AGE = 18


class AgeBasis(StrEnum):
    DATE_OF_BIRTH = "date_of_birth"
    CLAIMED_AGE = "claimed_age"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class AgeStatus:
    years: int | None
    basis: AgeBasis
    disputed: bool
    treated_as_child: bool
    # True when the child status rests on the presumption, not on a known age.
    presumed: bool


def years_between(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def age_status(
    *,
    date_of_birth: date | None,
    claimed_age: int | None,
    claimed_on: date | None,
    disputed: bool,
    today: date,
) -> AgeStatus:
    """The age that counts today and whether the person is treated as a child.

    A date of birth wins over a claimed age; a claimed age grows with the years since it
    was claimed. Unknown or disputed age: treated as a child (presumption of minority).
    """
    if date_of_birth is not None:
        years: int | None = years_between(date_of_birth, today)
        basis = AgeBasis.DATE_OF_BIRTH
    elif claimed_age is not None:
        elapsed = years_between(claimed_on, today) if claimed_on else 0
        years = claimed_age + max(elapsed, 0)
        basis = AgeBasis.CLAIMED_AGE
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

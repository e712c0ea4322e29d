"""Who a service is for, from its HSDS data. Pure: no Django.

HSDS v3 has no columns for "emergency", "24/7", "girls only" or "specialised in trafficking":
publishers say so with attributes linking the service to taxonomy terms (our eligibility
terms, taxonomy_data.ELIGIBILITY_TERMS). Cost comes from HSDS cost options (an amount of 0
means free), opening hours from schedules. The import service stores the result on the
service so the search filters on plain columns.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from childpath.directory.hours import Rule, is_always_open


@dataclass(frozen=True)
class Flags:
    emergency: bool = False
    always_open: bool = False
    trafficking_specialist: bool = False
    gender: str = ""
    free_of_charge: bool | None = None


def free_of_charge(codes: set[str], amounts: Iterable[Decimal | None]) -> bool | None:
    """True if said free or any cost option costs 0; False if only paid options; else unknown."""
    if "free_of_charge" in codes:
        return True
    known = [amount for amount in amounts if amount is not None]
    if not known:
        return None
    return any(amount == 0 for amount in known)


def gender(codes: set[str]) -> str:
    girls, boys = "girls_only" in codes, "boys_only" in codes
    if girls == boys:  # neither, or both (which means anyone)
        return ""
    return "female" if girls else "male"


def derive(
    *, codes: set[str], schedules: Sequence[Rule], amounts: Iterable[Decimal | None]
) -> Flags:
    return Flags(
        emergency="emergency" in codes,
        always_open="open_24_7" in codes or any(is_always_open(rule) for rule in schedules),
        trafficking_specialist="trafficking_specialist" in codes,
        gender=gender(codes),
        free_of_charge=free_of_charge(codes, amounts),
    )

"""What a referral shares with the receiving service. A pure core (DESIGN.md rule 8).

The sender ticks items from this fixed list; only those are copied into the referral, and the
receiver sees nothing else of the case until it accepts. The full identity (full name, date of
birth, documents, the child's own contact details) is not on the list: the receiver gets it by
joining the case team when it accepts, never through the referral itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

NAME = "name"  # the first given name, or an alias if none is known
AGE = "age"  # the age in years if known, and whether the child is treated as a child
SEX = "sex"
LANGUAGES = "languages"
UNACCOMPANIED = "unaccompanied"
NEEDS = "needs"  # the need and the reason for the referral, in the sender's words
LEAD_CONTACT = "lead_contact"  # the lead professional's name, organisation, e-mail, phone
ITEMS = (NEEDS, AGE, SEX, LANGUAGES, UNACCOMPANIED, NAME, LEAD_CONTACT)
# Preselected on the form: the need is what a service decides on. The rest is ticked on purpose.
DEFAULT_ITEMS = (NEEDS,)


@dataclass(frozen=True)
class ChildFacts:
    """What the case knows, decrypted in memory, before anything is chosen."""

    given_names: str
    aliases: Sequence[str]
    age_years: int | None
    treated_as_child: bool
    age_disputed: bool
    sex: str
    languages: Sequence[str]
    unaccompanied: str
    need: str
    reason: str
    lead_name: str
    lead_organisation: str
    lead_email: str
    lead_phone: str = ""


def unknown_items(items: Iterable[str]) -> list[str]:
    return sorted(set(items) - set(ITEMS))


def ordered(items: Iterable[str]) -> list[str]:
    chosen = set(items)
    return [item for item in ITEMS if item in chosen]


def first_name(given_names: str, aliases: Sequence[str]) -> str:
    """One name to greet the child by: the first given name, else the first alias."""
    parts = given_names.split()
    if parts:
        return parts[0]
    return next((alias.strip() for alias in aliases if alias.strip()), "")


def snapshot(items: Iterable[str], facts: ChildFacts) -> dict[str, Any]:
    """The copy the receiver sees: only the chosen items, nothing else."""
    chosen = set(items)
    values: dict[str, Any] = {}
    if NAME in chosen:
        values[NAME] = first_name(facts.given_names, facts.aliases)
    if AGE in chosen:
        values[AGE] = {
            "years": facts.age_years,
            "treated_as_child": facts.treated_as_child,
            "disputed": facts.age_disputed,
        }
    if SEX in chosen:
        values[SEX] = facts.sex
    if LANGUAGES in chosen:
        values[LANGUAGES] = list(facts.languages)
    if UNACCOMPANIED in chosen:
        values[UNACCOMPANIED] = facts.unaccompanied
    if NEEDS in chosen:
        values[NEEDS] = {"need": facts.need, "reason": facts.reason}
    if LEAD_CONTACT in chosen:
        values[LEAD_CONTACT] = {
            "name": facts.lead_name,
            "organisation": facts.lead_organisation,
            "email": facts.lead_email,
            "phone": facts.lead_phone,
        }
    return values

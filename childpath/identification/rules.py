"""Who may record a formal identification, and what makes a valid panel. A pure core.

The jurisdiction profile decides which sectors may identify and whether they must be
accredited (``Identification.may_identify``), and whether panels exist and how large they
must be. On top of the profile, Childpath's own rules:

- The recorder needs edit access to the case (read-only access answers 403 everywhere).
- A decision of an organisation is recorded by a professional of that organisation whose
  role works on cases: frontline (a police officer on a police-only profile), caseworker,
  coordinator or decision-panel member. Service providers and focal points do not decide.
- A panel's decision is recorded by a decision-panel member, caseworker or coordinator who
  can edit the case (the panel's secretary, say); they need not sit on the panel, nor work
  for an accredited organisation: the panel's members and their sectors carry the decision.

Nothing here asks about cooperation with criminal proceedings (DESIGN.md rule 6).
Refusals are codes; the services turn them into translated messages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from childpath.jurisdiction.profile import Identification, Panels

ROLES_THAT_DECIDE = frozenset({"frontline", "caseworker", "coordinator", "decision_panel"})
ROLES_THAT_RECORD_PANELS = frozenset({"caseworker", "coordinator", "decision_panel"})

# Refusal codes.
READ_ONLY = "read_only"
ROLE = "role"
SECTOR = "sector"
NOT_ACCREDITED = "not_accredited"
NO_PANELS = "no_panels"
NO_MEMBERS = "no_members"
TOO_FEW_MEMBERS = "too_few_members"
TOO_FEW_SECTORS = "too_few_sectors"
DUPLICATE_MEMBER = "duplicate_member"
SECTOR_NOT_ON_PANELS = "sector_not_on_panels"
MISSING_SECTOR = "missing_sector"


@dataclass(frozen=True)
class Authority:
    """What one user may record on one case; a refusal code where they may not."""

    organisation_refusal: str | None
    panel_refusal: str | None

    @property
    def organisation(self) -> bool:
        return self.organisation_refusal is None

    @property
    def panel(self) -> bool:
        return self.panel_refusal is None

    @property
    def any(self) -> bool:
        return self.organisation or self.panel


def authority(
    identification: Identification, *, role: str, sector: str, accredited: bool, may_edit: bool
) -> Authority:
    return Authority(
        organisation_refusal=_organisation_refusal(
            identification, role=role, sector=sector, accredited=accredited, may_edit=may_edit
        ),
        panel_refusal=_panel_refusal(identification, role=role, may_edit=may_edit),
    )


def _organisation_refusal(
    identification: Identification, *, role: str, sector: str, accredited: bool, may_edit: bool
) -> str | None:
    if not may_edit:
        return READ_ONLY
    if sector not in identification.sectors:
        return SECTOR
    if not identification.may_identify(sector=sector, accredited=accredited):
        return NOT_ACCREDITED
    if role not in ROLES_THAT_DECIDE:
        return ROLE
    return None


def _panel_refusal(identification: Identification, *, role: str, may_edit: bool) -> str | None:
    if not identification.panels.allowed:
        return NO_PANELS
    if not may_edit:
        return READ_ONLY
    if role not in ROLES_THAT_RECORD_PANELS:
        return ROLE
    return None


@dataclass(frozen=True)
class Member:
    """A panel member as the check needs it: who (a user id or a name) and which sector."""

    organisation: str
    sector: str
    person: str


@dataclass(frozen=True)
class PanelProblem:
    """One reason a panel cannot decide; ``member`` (1-based) or ``sectors`` say where."""

    code: str
    member: int = 0
    sectors: frozenset[str] = frozenset()


def panel_problems(panels: Panels, members: Sequence[Member]) -> list[str]:
    """Why a panel cannot decide (codes); empty when its composition meets the profile."""
    return [problem.code for problem in panel_composition(panels, members)]


def panel_composition(panels: Panels, members: Sequence[Member]) -> list[PanelProblem]:
    """Why a panel cannot decide, with the member or sectors concerned.

    A panel is a decision-making body of professionals who work with children: only
    organisations of the sectors the profile names may sit on it, and the sectors the profile
    requires (for example social services with police or health) must all be present.
    """
    found = [PanelProblem(code) for code in _size_problems(panels, members)]
    if found and found[0].code in (NO_PANELS, NO_MEMBERS):
        return found
    if panels.sectors:
        for number, member in enumerate(members, start=1):
            if member.sector not in panels.sectors:
                found.append(PanelProblem(SECTOR_NOT_ON_PANELS, member=number))
        present = {member.sector for member in members if member.sector in panels.sectors}
        for group in panels.required:
            if not group & present:
                found.append(PanelProblem(MISSING_SECTOR, sectors=group))
    return found


def _size_problems(panels: Panels, members: Sequence[Member]) -> list[str]:
    if not panels.allowed:
        return [NO_PANELS]
    if not members:
        return [NO_MEMBERS]
    problems = []
    people = [(member.organisation, member.person.casefold()) for member in members]
    if len(set(people)) != len(people):
        problems.append(DUPLICATE_MEMBER)
    if len(members) < panels.min_members:
        problems.append(TOO_FEW_MEMBERS)
    if len({member.sector for member in members}) < panels.min_sectors:
        problems.append(TOO_FEW_SECTORS)
    return problems

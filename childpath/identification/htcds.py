"""Identification statuses and deciding sectors in IOM's Human Trafficking Case Data Standard
(HTCDS v2.0): ``TraffickingStatus`` and ``TraffickingStatusDecisionMakingOrg``. A pure core.

Statistics and exports use these values, so decisions add up across instances (DESIGN.md 6.7).
"""

from __future__ import annotations

POSSIBLE = "PossibleVictimOfTrafficking"
ACTUAL = "ActualVictimOfTrafficking"
NOT_A_VICTIM = "NotAVictimOfTrafficking"
TRAFFICKING_STATUSES = (POSSIBLE, ACTUAL, NOT_A_VICTIM)

POLICE = "Police"
NGO = "NGO"
COURT_OR_PROSECUTION = "CourtOrProsecution"
NON_POLICE_GOVERNMENT = "NonPoliceGovernmentalOrganization"
OTHER = "Other"
DECISION_MAKING_ORGS = (POLICE, NGO, COURT_OR_PROSECUTION, NON_POLICE_GOVERNMENT, OTHER)

# "At risk" has no HTCDS value: it is not a decision about being a victim, and reporting it as
# "possible" would count children at risk as presumed victims. It maps to None (not reported).
_STATUS = {
    "presumed": POSSIBLE,
    "identified": ACTUAL,
    "not_victim": NOT_A_VICTIM,
    "at_risk": None,
}

# Border guards are law enforcement: HTCDS counts them with the police. Barnahus, guardian
# services and migration authorities are public bodies outside the police. A shelter may be
# public or private, so it is "Other", like any sector HTCDS does not name.
_SECTOR = {
    "police": POLICE,
    "border": POLICE,
    "prosecution": COURT_OR_PROSECUTION,
    "ngo": NGO,
    "social_services": NON_POLICE_GOVERNMENT,
    "child_protection": NON_POLICE_GOVERNMENT,
    "health": NON_POLICE_GOVERNMENT,
    "education": NON_POLICE_GOVERNMENT,
    "barnahus": NON_POLICE_GOVERNMENT,
    "guardian": NON_POLICE_GOVERNMENT,
    "migration": NON_POLICE_GOVERNMENT,
    "government": NON_POLICE_GOVERNMENT,
    "shelter": OTHER,
    "other": OTHER,
}


def trafficking_status(status: str) -> str | None:
    """HTCDS ``TraffickingStatus`` of an identification status; None for "at risk"."""
    if status not in _STATUS:
        raise ValueError(f"unknown identification status {status!r}")
    return _STATUS[status]


def decision_making_org(*, sector: str | None, panel: bool = False) -> str:
    """HTCDS ``TraffickingStatusDecisionMakingOrg`` of the sector that decided.

    A multi-agency panel is no single kind of organisation: "Other". An unknown or missing
    sector is "Other" too, never a guess.
    """
    if panel or not sector:
        return OTHER
    return _SECTOR.get(sector, OTHER)

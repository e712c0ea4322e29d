"""Jurisdiction profiles: who may identify, which rights exist, the time limits. A pure core.

A profile is data (``profiles/<code>.yaml``), validated at load; nothing else in the code knows
which country it serves. Layout::

    code: model                          # must equal the file name
    country: null                        # ISO 3166-1 alpha-2, or null for the model
    illustrative: false                  # true: an example the deploying authority must confirm
    name: {en: ..., sv: ..., ...}        # English required, other languages optional
    summary: {en: ..., ...}
    identification:
      social_path: true                  # organisations outside law enforcement may identify
      sectors: [social_services, ...]    # sectors whose organisations may formally identify
      accreditation_required: true       # ...and only if accredited (Organisation.may_identify)
      panels: {allowed: true, min_members: 3, min_sectors: 2}
      paths: [social, criminal_justice, judicial]
    time_limits:                         # every key of TIME_LIMITS, "<n> <unit>"
      reasonable_grounds_decision: 5 working_days
      ...
    rights:
      - code: safe_accommodation         # one of RIGHT_CODES (texts live in the rights app)
        when: [presumed]                 # every trigger must hold: TRIGGERS
        legal_basis: "Directive 2011/36/EU art. 11(5)"
        deadline: 1 days                 # from the moment the triggers hold; optional
        responsible: social_services     # the sector that must deliver it
    referrals:                           # each urgency: acknowledge and respond limits
      emergency: {acknowledge: 4 hours, respond: 24 hours}
      urgent: {...}
      routine: {...}
    case_team:                           # optional; without it, CASE_TEAM_DEFAULT
      sectors: [social_services, ...]    # sectors whose organisations work on cases (the team)
      lead_sectors: [social_services, ...]  # of those, the sectors that may lead a case

Rule 2 is not configurable: a presumed victim gets the rights whose only trigger is
``presumed`` at once, in every profile. A profile decides which rights wait for formal
identification (``when: [identified]``), and who may make it.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from childpath.jurisdiction.durations import Duration, DurationError

PROFILES_DIR = Path(__file__).resolve().parent / "profiles"

# The sectors of childpath.accounts.models.Sector (kept as plain strings: this is a pure core;
# a test checks the two lists agree), plus the multi-agency panel, which is no organisation.
SECTORS = (
    "social_services",
    "child_protection",
    "ngo",
    "police",
    "border",
    "prosecution",
    "health",
    "education",
    "barnahus",
    "guardian",
    "shelter",
    "migration",
    "government",
    "other",
)
LAW_ENFORCEMENT = frozenset({"police", "border", "prosecution"})
PATHS = ("social", "criminal_justice", "judicial")
# What makes a right apply: the child is treated as a child (rule 3), is a presumed victim
# (reasonable grounds, rule 2), is formally identified, is unaccompanied.
TRIGGERS = ("child", "presumed", "identified", "unaccompanied")
URGENCIES = ("emergency", "urgent", "routine")
TIME_LIMITS = (
    "reasonable_grounds_decision",  # from the concern to a presumed-victim decision
    "recovery_and_reflection",  # the minimum period before a conclusive decision
    "conclusive_decision_review",  # a formal decision is reviewed within this limit
    "age_assessment",  # from a dispute to a concluded age assessment
    "turning_18_notice",  # how early the coordinator is warned before the 18th birthday
)
# The rights a profile may list. Their titles and child-friendly texts are translated in the
# rights app; a profile only decides which apply, when, and by which deadline.
RIGHT_CODES = (
    "information",
    "interpreter",
    "safe_accommodation",
    "assistance",
    "health_care",
    "psychological_support",
    "guardian",
    "best_interests_assessment",
    "legal_counselling",
    "legal_representation",
    "education",
    "child_friendly_interview",
    "recovery_and_reflection",
    "non_punishment",
    "residence_permit",
    "compensation",
    "family_tracing",
)
LANGUAGES = ("en", "sv", "bg", "sr", "sr-latn", "es", "uk")


class ProfileError(ValueError):
    """A profile that does not validate; ``problems`` lists every reason."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class CaseTeam:
    """Which organisations may be put on a case team, and which may lead it (DESIGN.md 7).

    Bodies that never work on a single case (a system owner, a national rapporteur: sector
    ``government`` or ``other``) are left out, so they cannot be given access to a child.
    """

    sectors: frozenset[str]
    lead_sectors: frozenset[str]


CASE_TEAM_DEFAULT = CaseTeam(
    sectors=frozenset(SECTORS) - {"government", "other"},
    lead_sectors=frozenset({"social_services", "child_protection", "barnahus"}),
)


@dataclass(frozen=True)
class Panels:
    """Multi-agency panels: how large, from which sectors, and which sectors must be present.

    ``sectors``: the sectors whose organisations may sit on a panel (an IT system owner or a
    statistics office does not decide whether a child is a victim). ``required``: groups of
    sectors, each of which must be represented by at least one member, for example social
    services together with police or health (the devolved child decision-making panels of the
    UK NRM: local authority, health and police).
    """

    allowed: bool
    min_members: int
    min_sectors: int
    sectors: frozenset[str] = frozenset()
    required: tuple[frozenset[str], ...] = ()


@dataclass(frozen=True)
class Identification:
    social_path: bool
    sectors: frozenset[str]
    accreditation_required: bool
    panels: Panels
    paths: tuple[str, ...]

    def may_identify(self, *, sector: str, accredited: bool) -> bool:
        """Whether an organisation of this sector may make a formal identification."""
        if sector not in self.sectors:
            return False
        return accredited or not self.accreditation_required


@dataclass(frozen=True)
class Right:
    code: str
    when: tuple[str, ...]
    legal_basis: str
    deadline: Duration | None
    responsible: str

    @property
    def needs_formal_status(self) -> bool:
        return "identified" in self.when


@dataclass(frozen=True)
class ReferralLimits:
    acknowledge: Duration
    respond: Duration


@dataclass(frozen=True)
class Profile:
    code: str
    country: str | None
    illustrative: bool
    name: Mapping[str, str]
    summary: Mapping[str, str]
    identification: Identification
    time_limits: Mapping[str, Duration]
    rights: tuple[Right, ...]
    referrals: Mapping[str, ReferralLimits]
    case_team: CaseTeam = CASE_TEAM_DEFAULT

    def text(self, field: str, language: str) -> str:
        """``name`` or ``summary`` in the language, else in English."""
        texts: Mapping[str, str] = getattr(self, field)
        return texts.get(language.lower()) or texts["en"]

    def right(self, code: str) -> Right | None:
        return next((right for right in self.rights if right.code == code), None)


def _texts(raw: Any, where: str, problems: list[str]) -> dict[str, str]:
    if not isinstance(raw, dict) or not isinstance(raw.get("en"), str) or not raw["en"].strip():
        problems.append(f"{where}: needs at least an English text ('en')")
        return {"en": ""}
    result = {}
    for lang, text in raw.items():
        if str(lang).lower() not in LANGUAGES:
            problems.append(f"{where}: unknown language {lang!r}")
        elif not isinstance(text, str) or not text.strip():
            problems.append(f"{where}.{lang}: empty text")
        else:
            result[str(lang).lower()] = text.strip()
    return result


def _duration(raw: Any, where: str, problems: list[str]) -> Duration | None:
    try:
        return Duration.parse(raw)
    except DurationError as error:
        problems.append(f"{where}: {error}")
        return None


def _names(raw: Any, known: tuple[str, ...], where: str, problems: list[str]) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        problems.append(f"{where}: must be a list")
        return ()
    for item in raw:
        if item not in known:
            problems.append(f"{where}: unknown value {item!r} (known: {', '.join(known)})")
    if len(set(raw)) != len(raw):
        problems.append(f"{where}: a value is listed twice")
    return tuple(item for item in raw if item in known)


def _identification(raw: Any, problems: list[str]) -> Identification:
    raw = raw if isinstance(raw, dict) else {}
    sectors = frozenset(_names(raw.get("sectors"), SECTORS, "identification.sectors", problems))
    social_path = raw.get("social_path")
    if not isinstance(social_path, bool):
        problems.append("identification.social_path: must be true or false")
        social_path = False
    panels = _panels(raw.get("panels"), problems)
    if not social_path and (sectors - LAW_ENFORCEMENT or panels.allowed):
        problems.append(
            "identification: without the social path only law enforcement may identify "
            "(no other sectors, no panels)"
        )
    if social_path and not (sectors - LAW_ENFORCEMENT or panels.allowed):
        problems.append("identification: the social path needs a sector outside law enforcement")
    if not sectors and not panels.allowed:
        problems.append("identification: nobody may make a formal identification")
    return Identification(
        social_path=social_path,
        sectors=sectors,
        accreditation_required=bool(raw.get("accreditation_required", True)),
        panels=panels,
        paths=_names(raw.get("paths"), PATHS, "identification.paths", problems),
    )


def _panels(raw: Any, problems: list[str]) -> Panels:
    raw = raw if isinstance(raw, dict) else {}
    where = "identification.panels"
    allowed = bool(raw.get("allowed", False))
    sectors = frozenset(_names(raw.get("sectors", []), SECTORS, f"{where}.sectors", problems))
    required_raw = raw.get("required", [])
    required: list[frozenset[str]] = []
    if not isinstance(required_raw, list):
        problems.append(f"{where}.required: must be a list of lists of sectors")
        required_raw = []
    for number, group in enumerate(required_raw, start=1):
        names = frozenset(_names(group, SECTORS, f"{where}.required[{number}]", problems))
        if not names:
            problems.append(f"{where}.required[{number}]: name at least one sector")
        elif not names <= sectors:
            problems.append(f"{where}.required[{number}]: only sectors that may sit on panels")
        required.append(names)
    panels = Panels(
        allowed=allowed,
        min_members=int(raw.get("min_members", 3)),
        min_sectors=int(raw.get("min_sectors", 2)),
        sectors=sectors,
        required=tuple(required),
    )
    if panels.min_members < 2 or panels.min_sectors < 1 or panels.min_sectors > panels.min_members:
        problems.append(f"{where}: at least 2 members, 1 to min_members sectors")
    if allowed and len(sectors) < panels.min_sectors:
        problems.append(f"{where}.sectors: at least min_sectors sectors must be able to sit")
    if allowed and len(required) > panels.min_members:
        problems.append(f"{where}.required: more groups than a panel has members")
    return panels


def _rights(raw: Any, problems: list[str]) -> tuple[Right, ...]:
    if not isinstance(raw, list) or not raw:
        problems.append("rights: must be a non-empty list")
        return ()
    rights = []
    for index, item in enumerate(raw):
        where = f"rights[{index}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: must be a mapping")
            continue
        code = item.get("code")
        if code not in RIGHT_CODES:
            problems.append(f"{where}.code: unknown right {code!r}")
            continue
        where = f"rights.{code}"
        when = _names(item.get("when"), TRIGGERS, f"{where}.when", problems)
        if not when:
            problems.append(f"{where}.when: needs at least one trigger")
        basis = item.get("legal_basis")
        if not isinstance(basis, str) or not basis.strip():
            problems.append(f"{where}.legal_basis: required")
        responsible = item.get("responsible")
        if responsible not in SECTORS:
            problems.append(f"{where}.responsible: unknown sector {responsible!r}")
        deadline = item.get("deadline")
        rights.append(
            Right(
                code=code,
                when=when,
                legal_basis=str(basis or "").strip(),
                deadline=None if deadline is None else _duration(deadline, where, problems),
                responsible=str(responsible),
            )
        )
    codes = [right.code for right in rights]
    problems += [
        f"rights.{c}: listed twice" for c in sorted({c for c in codes if codes.count(c) > 1})
    ]
    return tuple(rights)


def _referrals(raw: Any, problems: list[str]) -> dict[str, ReferralLimits]:
    raw = raw if isinstance(raw, dict) else {}
    result = {}
    for urgency in URGENCIES:
        limits = raw.get(urgency)
        if not isinstance(limits, dict):
            problems.append(f"referrals.{urgency}: required, with acknowledge and respond")
            continue
        acknowledge = _duration(limits.get("acknowledge"), f"referrals.{urgency}", problems)
        respond = _duration(limits.get("respond"), f"referrals.{urgency}", problems)
        if acknowledge and respond:
            result[urgency] = ReferralLimits(acknowledge, respond)
    problems += [f"referrals.{key}: unknown urgency" for key in raw if key not in URGENCIES]
    return result


def _case_team(raw: Any, problems: list[str]) -> CaseTeam:
    if raw is None:
        return CASE_TEAM_DEFAULT
    if not isinstance(raw, dict):
        problems.append("case_team: a mapping with sectors and lead_sectors")
        return CASE_TEAM_DEFAULT
    sectors = frozenset(_names(raw.get("sectors"), SECTORS, "case_team.sectors", problems))
    lead = frozenset(_names(raw.get("lead_sectors"), SECTORS, "case_team.lead_sectors", problems))
    if not lead:
        problems.append("case_team.lead_sectors: at least one sector must be able to lead a case")
    if lead - sectors:
        problems.append("case_team.lead_sectors: every lead sector must also be in sectors")
    problems += [
        f"case_team.{key}: unknown" for key in raw if key not in ("sectors", "lead_sectors")
    ]
    return CaseTeam(sectors=sectors, lead_sectors=lead)


def parse(raw: Any, *, code: str) -> Profile:
    """Validate a loaded YAML document; raise ProfileError listing every problem."""
    problems: list[str] = []
    if not isinstance(raw, dict):
        raise ProfileError([f"{code}: the profile must be a mapping"])
    if raw.get("code") != code:
        problems.append(f"code: {raw.get('code')!r} does not match the file name {code!r}")
    country = raw.get("country")
    if country is not None and not (isinstance(country, str) and len(country) == 2):
        problems.append("country: an ISO 3166-1 alpha-2 code or null")
    limits = raw.get("time_limits")
    limits_raw: dict[str, Any] = limits if isinstance(limits, dict) else {}
    time_limits = {}
    for key in TIME_LIMITS:
        if key not in limits_raw:
            problems.append(f"time_limits.{key}: required")
        elif (duration := _duration(limits_raw[key], f"time_limits.{key}", problems)) is not None:
            time_limits[key] = duration
    problems += [f"time_limits.{key}: unknown" for key in limits_raw if key not in TIME_LIMITS]
    profile = Profile(
        code=code,
        country=country.upper() if isinstance(country, str) else None,
        illustrative=bool(raw.get("illustrative", False)),
        name=_texts(raw.get("name"), "name", problems),
        summary=_texts(raw.get("summary"), "summary", problems),
        identification=_identification(raw.get("identification"), problems),
        time_limits=time_limits,
        rights=_rights(raw.get("rights"), problems),
        referrals=_referrals(raw.get("referrals"), problems),
        case_team=_case_team(raw.get("case_team"), problems),
    )
    # Rule 2: the first rights open at presumption, without formal status, in every profile.
    if not any(right.when == ("presumed",) for right in profile.rights):
        problems.append("rights: at least one right must open for a presumed victim alone")
    if problems:
        raise ProfileError([f"{code}: {problem}" for problem in problems])
    return profile


def available() -> tuple[str, ...]:
    return tuple(sorted(path.stem for path in PROFILES_DIR.glob("*.yaml")))


@functools.cache
def load(code: str) -> Profile:
    path = PROFILES_DIR / f"{code}.yaml"
    if code not in available():
        raise ProfileError([f"no profile {code!r} (available: {', '.join(available())})"])
    with path.open(encoding="utf-8") as handle:
        return parse(yaml.safe_load(handle), code=code)

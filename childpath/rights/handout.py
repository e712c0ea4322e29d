"""What the child's page and printed handout show: texts in the child's language, the child's
own contacts, and nothing sensitive (no name of the child, no reference, no observations).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language, get_language_info

from childpath.accounts.models import Sector, User
from childpath.cases.models import Case, CaseMember
from childpath.jurisdiction.active import current_profile
from childpath.rights import childinfo
from childpath.rights.childinfo import ChildInfo, Helpline, Text
from childpath.rights.selectors import CaseRights


@dataclass(frozen=True)
class Contact:
    title: str
    name: str
    organisation: str = ""
    phone: str = ""
    email: str = ""
    web: str = ""
    note: str = ""


def default_language(case: Case) -> str:
    """The first of the child's languages that has texts, else the professional's."""
    for code in case.languages:
        if found := childinfo.supported(code):
            return found
    return childinfo.supported(get_language() or "en") or "en"


def choose_language(case: Case, requested: str | None) -> str:
    if requested and (found := childinfo.supported(requested)):
        return found
    return default_language(case)


def language_options() -> list[tuple[str, str]]:
    """Each language of the texts, named in itself."""
    return [(code, str(get_language_info(code)["name_local"])) for code in childinfo.LANGUAGES]


# Rights that only concern a child who is not a national of the country: a recovery and
# reflection period protects against removal (CETS 197 art. 13), a residence permit is for
# foreign victims (CETS 197 art. 14; Directive 2004/81/EC). A Swedish child must not read that
# "you cannot be sent out of the country".
FOREIGN_CHILD_ONLY = frozenset({"recovery_and_reflection", "residence_permit"})
# Steps that have already happened once a child is a presumed victim.
PAST_FOR_PRESUMED = frozenset({"screening", "presumed"})
# How many steps the child's page leads with; the rest open on request.
NEXT_STEPS = 2


def _applies(case: Case, code: str) -> bool:
    """Whether a right concerns this child's situation at all (an unknown citizenship keeps
    it: unknown is not the same as absent)."""
    national = bool(case.citizenship) and case.citizenship == current_profile().country
    return not (national and code in FOREIGN_CHILD_ONLY)


def _presumed(rights: CaseRights) -> bool:
    return rights.facts.presumed_since is not None or rights.facts.identified_since is not None


def _steps(case: Case, rights: CaseRights) -> list[str]:
    """The steps that concern this child, in the order they come."""
    interview = rights.right("child_friendly_interview")
    guardian = rights.guardian_right
    shown = {
        "guardian": rights.guardian is not None or bool(guardian and guardian.in_force),
        "age_assessment": rights.facts.child_by_presumption or case.age_disputed,
        "barnahus_interview": interview is not None and interview.status != "not_applicable",
        "turning_18": rights.facts.treated_as_child,
        # A formal identification is the next step of a presumed victim, not of a child at risk.
        "identification": _presumed(rights),
    }
    return [step for step in childinfo.STEPS if shown.get(step, True)]


def _next_steps(steps: list[str], rights: CaseRights) -> list[str]:
    """The few steps that come next for this child, after "what happens now"."""
    done = PAST_FOR_PRESUMED if _presumed(rights) else frozenset()
    upcoming = [step for step in steps if step != "now" and step not in done]
    return ["now", *upcoming[:NEXT_STEPS]]


def _helpline(line: Helpline, info: ChildInfo) -> Contact:
    kind_name = info.ui[f"{line.kind}_name"]
    return Contact(
        title=kind_name,
        name=line.name,
        phone=line.phone,
        web=line.web,
        note=info.ui[line.kind],
    )


def _guardian_on_team(case: Case) -> User | None:
    """A person of a guardian service on the case team, whose work contact the child may use
    when the appointment recorded none (one query)."""
    member = (
        CaseMember.objects.filter(
            case=case,
            user__isnull=False,
            user__is_active=True,
            organisation__sector=Sector.GUARDIAN,
        )
        .select_related("user")
        .order_by("added_at", "pk")
        .first()
    )
    return member.user if member is not None else None


def contacts(case: Case, rights: CaseRights, info: ChildInfo) -> dict[str, Any]:
    """Who helps the child and how to reach them: the lead professional's work phone and
    e-mail, and the appointed guardian's (from the appointment, else from the guardian
    service's person on the case team)."""
    coordinator = case.coordinator
    lead = None
    if coordinator is not None:
        organisation = coordinator.organisation
        lead = Contact(
            title=info.ui["contact_person"],
            name=coordinator.display_name,
            organisation=organisation.name if organisation else "",
            phone=coordinator.work_phone,
            email=coordinator.contact_email,
        )
    guardian = rights.guardian
    appointed = None
    if guardian is not None and guardian.appointed:
        phone, email = guardian.contact_phone, guardian.contact_email
        if not (phone or email) and (person := _guardian_on_team(case)) is not None:
            phone, email = person.work_phone, person.contact_email
        appointed = Contact(
            title=info.ui["guardian"],
            name=guardian.guardian_name,
            organisation=guardian.guardian_organisation,
            phone=phone,
            email=email,
        )
    profile = current_profile()
    return {
        "lead": lead,
        "guardian": appointed,
        "guardian_requested": guardian is not None
        and not guardian.appointed
        and guardian.requested_at is not None,
        "helplines": [_helpline(line, info) for line in childinfo.helplines(profile.country)],
    }


def child_context(case: Case, rights: CaseRights, language: str) -> dict[str, Any]:
    """What the child reads: first the few things that matter now (safe here, not your
    fault, who helps and how to reach them, what comes next), then, on request, the rights and
    every step. Only what applies to the child's situation and status is shown."""
    info = childinfo.load(language)
    steps = _steps(case, rights)
    pending = [info.rights[r.code] for r in rights.pending if _applies(case, r.code)]
    presumed = _presumed(rights)
    texts: dict[str, list[Text]] = {
        "in_force": [info.rights[r.code] for r in rights.in_force if _applies(case, r.code)],
        # Rights waiting for formal identification are a presumed victim's next step...
        "later": pending if presumed else [],
        # ...for a child at risk they depend on a presumption not made: only on request.
        "if_harmed": [] if presumed else pending,
        "next": [info.steps[step] for step in _next_steps(steps, rights)],
        "steps": [info.steps[step] for step in steps],
    }
    return {
        "lang": language,
        "ui": info.ui,
        "texts": texts,
        "contacts": contacts(case, rights, info),
        "text_languages": language_options(),
    }

"""What the child's page and printed handout show: texts in the child's language, the child's
own contacts, and nothing sensitive (no name of the child, no reference, no observations).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language, get_language_info

from childpath.cases.models import Case
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


def _steps(case: Case, rights: CaseRights) -> list[str]:
    """The steps that concern this child, in the order they come."""
    interview = rights.right("child_friendly_interview")
    guardian = rights.guardian_right
    shown = {
        "guardian": rights.guardian is not None or bool(guardian and guardian.in_force),
        "age_assessment": rights.facts.child_by_presumption or case.age_disputed,
        "barnahus_interview": interview is not None and interview.status != "not_applicable",
        "turning_18": rights.facts.treated_as_child,
    }
    return [step for step in childinfo.STEPS if shown.get(step, True)]


def _helpline(line: Helpline, info: ChildInfo) -> Contact:
    kind_name = info.ui[f"{line.kind}_name"]
    return Contact(
        title=kind_name,
        name=line.name,
        phone=line.phone,
        web=line.web,
        note=info.ui[line.kind],
    )


def contacts(case: Case, rights: CaseRights, info: ChildInfo) -> dict[str, Any]:
    coordinator = case.coordinator
    lead = None
    if coordinator is not None:
        organisation = coordinator.organisation
        lead = Contact(
            title=info.ui["contact_person"],
            name=coordinator.display_name,
            organisation=organisation.name if organisation else "",
            email=coordinator.email,
        )
    guardian = rights.guardian
    appointed = None
    if guardian is not None and guardian.appointed:
        appointed = Contact(
            title=info.ui["guardian"],
            name=guardian.guardian_name,
            organisation=guardian.guardian_organisation,
            phone=guardian.contact_phone,
            email=guardian.contact_email,
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
    info = childinfo.load(language)
    texts: dict[str, list[Text]] = {
        "in_force": [info.rights[r.code] for r in rights.in_force],
        "later": [info.rights[r.code] for r in rights.pending],
        "steps": [info.steps[step] for step in _steps(case, rights)],
    }
    return {
        "lang": language,
        "ui": info.ui,
        "texts": texts,
        "contacts": contacts(case, rights, info),
        "text_languages": language_options(),
    }

"""The taxonomies Childpath ships: the service types children need (issue #5) and the
eligibility terms that describe who a service is for. Plain data, loaded by migration 0002 and
by ``services.ensure_taxonomies``; names are translated at display time through this module.

Ids are UUIDv5 of the code, so every instance has the same ids and HSDS files written for one
instance link their services to these terms on another (attribute.taxonomy_term_id).
"""

import uuid
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://childpath.example/hsds/taxonomies")
SERVICE_TYPES = "childpath-service-types"
ELIGIBILITY = "childpath-eligibility"


@dataclass(frozen=True)
class Term:
    code: str
    name: Promise
    description: Promise
    taxonomy: str = SERVICE_TYPES

    @property
    def id(self) -> str:
        return str(uuid.uuid5(NAMESPACE, f"{self.taxonomy}/{self.code}"))


TAXONOMIES = {
    SERVICE_TYPES: (
        _("Childpath service types"),
        _("Services that children who are victims or at risk of trafficking need."),
    ),
    ELIGIBILITY: (
        _("Childpath eligibility"),
        _("Who a service is for and when it can be reached."),
    ),
}

SERVICE_TYPE_TERMS = (
    Term(
        "safe_accommodation",
        _("Safe accommodation"),
        _("A safe place to stay: a shelter, protected housing or an emergency placement."),
    ),
    Term(
        "psychosocial_support",
        _("Psychosocial support and trauma therapy"),
        _("Counselling, support groups and therapy for trauma."),
    ),
    Term(
        "legal_aid",
        _("Legal aid"),
        _("Advice and representation: protection, residence, compensation, court."),
    ),
    Term(
        "guardian",
        _("Guardian"),
        _("A guardian or representative for a child without parents to act for them."),
    ),
    Term("health", _("Health care"), _("Medical care, check-ups and treatment.")),
    Term(
        "sexual_reproductive_health",
        _("Sexual and reproductive health"),
        _("Contraception, pregnancy care, tests and treatment for infections."),
    ),
    Term(
        "barnahus_interview",
        _("Barnahus interview"),
        _("A child-friendly interview and examination under one roof (Barnahus)."),
    ),
    Term("education", _("Education"), _("School, language classes and vocational training.")),
    Term(
        "interpretation",
        _("Interpretation"),
        _("Interpreters for conversations with the child, in person or remote."),
    ),
    Term("helpline", _("Helpline"), _("A telephone or chat line children and adults can call.")),
    Term(
        "family_tracing",
        _("Family tracing"),
        _("Finding and contacting a child's family, at home or abroad."),
    ),
    Term(
        "return_support",
        _("Return support"),
        _("A safe return to the home country and support to settle there."),
    ),
)

ELIGIBILITY_TERMS = (
    Term(
        "emergency",
        _("Emergency service"),
        _("Takes children at once, without an appointment."),
        ELIGIBILITY,
    ),
    Term("open_24_7", _("Open 24/7"), _("Can be reached day and night, every day."), ELIGIBILITY),
    Term(
        "trafficking_specialist",
        _("Specialised in trafficking and sexual exploitation"),
        _("Staff trained to support victims of trafficking and sexual exploitation."),
        ELIGIBILITY,
    ),
    Term("girls_only", _("Girls only"), _("For girls and young women only."), ELIGIBILITY),
    Term("boys_only", _("Boys only"), _("For boys and young men only."), ELIGIBILITY),
    Term("free_of_charge", _("Free of charge"), _("Costs the child nothing."), ELIGIBILITY),
    Term(
        "step_free_access",
        _("Step-free access"),
        _("Can be entered without steps, by wheelchair."),
        ELIGIBILITY,
    ),
)

TERMS = SERVICE_TYPE_TERMS + ELIGIBILITY_TERMS
BY_CODE = {term.code: term for term in TERMS}
SERVICE_TYPE_CODES = tuple(term.code for term in SERVICE_TYPE_TERMS)


def taxonomy_id(key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, key))


def term_id(code: str) -> str:
    return BY_CODE[code].id


def service_type_choices() -> list[tuple[str, str]]:
    return [(term.code, str(term.name)) for term in SERVICE_TYPE_TERMS]


def term_name(code: str, fallback: str = "") -> str:
    """The translated name of one of our terms; another taxonomy's terms keep their own."""
    term = BY_CODE.get(code)
    return str(term.name) if term else fallback or code


def hsds_taxonomies() -> list[dict[str, Any]]:
    """Our taxonomies and terms as HSDS taxonomy_term objects, in English (the stored names)."""
    with override("en"):
        return [
            {
                "id": term.id,
                "code": term.code,
                "name": str(term.name),
                "description": str(term.description),
                "taxonomy": term.taxonomy,
                "language": "en",
                "taxonomy_detail": {
                    "id": taxonomy_id(term.taxonomy),
                    "name": str(TAXONOMIES[term.taxonomy][0]),
                    "description": str(TAXONOMIES[term.taxonomy][1]),
                    "version": "1",
                },
            }
            for term in TERMS
        ]

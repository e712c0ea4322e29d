"""A small fixed, fictional dataset whose tables are counted by hand in test_tables.py, and a
signing key for releases. Rows are written directly: the statistics read what the other apps
store, and this builds exactly the facts the counts below expect."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from childpath.accounts.models import Organisation, Sector, User
from childpath.cases.models import Case, CaseMember, Encounter, Identity
from childpath.directory.models import Location, Organization, Service, ServiceAtLocation
from childpath.exchange import keys
from childpath.identification.models import Decision
from childpath.referrals.models import Referral, ReferralChange
from childpath.rights.models import InformationDelivery
from childpath.screening.models import Screening
from childpath.stats import facts, selectors

MARCH = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def signing_key(settings: Any, tmp_path: Path) -> Path:
    """The instance's federation key file (what releases are signed with), and an earlier
    statistics key file (what releases were signed with before)."""
    path = tmp_path / "stats-signing.pem"
    path.write_bytes(
        Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    settings.STATS_SIGNING_KEY_FILE = str(path)
    ring = tmp_path / "federation.json"
    keys.save(keys.new_ring(settings.CHILDPATH_INSTANCE_ID, datetime.now(UTC)), ring)
    settings.FEDERATION_KEYS_FILE = str(ring)
    settings.CHILDPATH_COUNTRY = "SE"
    # The list of the most frequent countries is cached per hour; each test has its own data.
    selectors._top_countries.cache_clear()
    return path


@dataclass
class Child:
    sex: str
    age: int | None
    citizenship: str
    unaccompanied: str = "no"
    came: str = "school"
    observations: dict[str, str] | None = None
    age_at_exploitation: int | None = None
    decisions: tuple[tuple[str, str, str, str], ...] = ()  # (status, basis, path, sector)
    languages: tuple[str, ...] = ("sv",)


# The fixed dataset: eight fictional children who came to notice in March 2025.
CHILDREN = [
    Child("female", 16, "SE", observations={"cse_sold_for_sex": "observed"},
          age_at_exploitation=15, decisions=(("presumed", "screening", "", "education"),)),
    Child("male", 17, "RO", "yes", "police", {"clc_forced_criminality": "reported"},
          decisions=(("presumed", "screening", "", "police"),
                     ("identified", "organisation", "social", "social_services"))),
    Child("female", None, "SY", "unknown", "online",
          {"onl_sextortion": "observed", "cse_cannot_refuse": "suspected"},
          decisions=(("presumed", "screening", "", "ngo"),)),
    Child("male", 20, "UA", "yes", "border", {"clc_forced_begging": "observed"},
          age_at_exploitation=15,
          decisions=(("presumed", "screening", "", "border"),
                     ("identified", "panel", "criminal_justice", ""))),
    Child("female", 14, "SE", observations={"risk_running_away": "observed"},
          decisions=(("at_risk", "screening", "", "education"),)),
    Child("other", 15, "SE",
          decisions=(("not_victim", "organisation", "social", "social_services"),)),
    Child("unknown", 12, ""),
    Child("female", 16, "BG", "no", "health", {"v2_forced_marriage": "observed"},
          decisions=(("presumed", "screening", "", "health"),)),
]  # fmt: skip


def make_place(organisation: Organisation) -> ServiceAtLocation:
    provider = Organization.objects.create(
        name="Stats Shelter (fictional)", description="Fictional.", organisation=organisation
    )
    service = Service.objects.create(organization=provider, name="Shelter", description="F.")
    location = Location.objects.create(name="House", latitude=59.3, longitude=18.0)
    return ServiceAtLocation.objects.create(service=service, location=location)


def build(orgs: dict[str, Organisation], author: User, at: datetime = MARCH) -> list[Case]:
    cases = []
    for n, child in enumerate(CHILDREN):
        case = Case.objects.create(
            reference=f"CP-TEST-{n:04d}",
            created_at=at + timedelta(hours=n),
            created_by=author,
            created_by_organisation=orgs["school"],
            sex=child.sex,
            claimed_age=child.age,
            citizenship=child.citizenship,
            languages=list(child.languages),
            migration_status="unknown",
            unaccompanied=child.unaccompanied,
        )
        Identity.objects.create(case=case)
        Encounter.objects.create(
            case=case,
            came_to_notice=child.came,
            occurred_on=at.date(),
            organisation=orgs["school"],
            recorded_at=at,
        )
        CaseMember.objects.create(case=case, organisation=orgs["social"], access="edit")
        if child.observations is not None:
            Screening.objects.create(
                case=case,
                organisation=orgs["school"],
                completed_at=at + timedelta(days=1),
                observations=child.observations,
                catalogue_version="2026.1",
                age_at_exploitation=child.age_at_exploitation,
                result="presumed_victim",
            )
        for k, (status, basis, path, sector) in enumerate(child.decisions):
            Decision.objects.create(
                case=case,
                status=status,
                basis=basis,
                path=path,
                sector=sector,
                decided_at=at + timedelta(days=2 + 10 * k),
                recorded_at=at + timedelta(days=2 + 10 * k),
            )
        cases.append(case)
    facts.rebuild()
    return cases


@pytest.fixture
def dataset(orgs: dict[str, Organisation], frontline: User) -> list[Case]:
    return build(orgs, frontline)


def add_referral(
    case: Case,
    place: ServiceAtLocation,
    to: Organisation,
    *,
    need: str,
    urgency: str = "routine",
    sent: datetime = MARCH,
    answered: timedelta | None = None,
    status: str = "accepted",
    due: timedelta = timedelta(days=5),
) -> Referral:
    referral = Referral.objects.create(
        case=case,
        service_at_location=place,
        to_organisation=to,
        need=need,
        reason="Fictional.",
        urgency=urgency,
        status=status,
        sent_at=sent,
        from_organisation=case.created_by_organisation,
        acknowledge_by=sent + timedelta(days=1),
        respond_by=sent + due,
    )
    if answered is not None:
        ReferralChange.objects.create(referral=referral, status=status, at=sent + answered)
    return referral


def inform(case: Case, organisation: Organisation, at: datetime, language: str = "sv") -> None:
    InformationDelivery.objects.create(
        case=case,
        language=language,
        delivered_at=at,
        organisation=organisation,
        understood="yes",
    )


__all__ = ["MARCH", "Sector", "add_referral", "build", "inform", "make_place"]

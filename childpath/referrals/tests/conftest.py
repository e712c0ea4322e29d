"""Referral fixtures on top of the root personas: a shelter in the directory whose referrals
reach the ``provider`` persona's organisation, and a presumed victim's case to refer."""

from collections.abc import Callable

import pytest

from childpath.accounts.models import Organisation, User
from childpath.cases.models import Case
from childpath.directory.models import (
    Attribute,
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from childpath.referrals import services
from childpath.referrals.models import Referral
from childpath.referrals.services import ReferralData


def make_place(name: str, organisation: Organisation | None, need: str = "") -> ServiceAtLocation:
    """A fictional service at a location; ``organisation`` receives its referrals."""
    provider = Organization.objects.create(
        name=f"{name} (fictional)", description="Fictional.", organisation=organisation
    )
    service = Service.objects.create(organization=provider, name=name, description="Fictional.")
    location = Location.objects.create(name=f"{name} house", latitude=59.3, longitude=18.0)
    if need:
        term = TaxonomyTerm.objects.filter(code=need).first() or TaxonomyTerm.objects.create(
            code=need, name=need.replace("_", " ").capitalize(), description="Fictional."
        )
        Attribute.objects.create(
            link_id=service.pk, taxonomy_term=term, link_entity="service", link_type="service"
        )
    return ServiceAtLocation.objects.create(service=service, location=location)


@pytest.fixture
def shelter_place(orgs: dict[str, Organisation]) -> ServiceAtLocation:
    return make_place("Test Shelter Beds", orgs["shelter"], need="safe_accommodation")


@pytest.fixture
def unlinked_place(db: None) -> ServiceAtLocation:
    return make_place("Test Helpline", None, need="helpline")


@pytest.fixture
def presumed(case: Case, caseworker: User, coordinator: User) -> Case:
    """The root ``case`` as a presumed victim, with Carol as coordinator."""
    from childpath.cases import services as case_services

    Case.objects.filter(pk=case.pk).update(stage="presumed")
    case.refresh_from_db()
    case_services.set_coordinator(actor=caseworker, case=case, coordinator=coordinator)
    case.refresh_from_db()
    return case


def referral_data(**overrides: object) -> ReferralData:
    values: dict[str, object] = {
        "need": "safe_accommodation",
        "reason": "Needs a safe place tonight. (Fictional.)",
        "urgency": "emergency",
        "shared_items": ["needs", "age", "languages"],
        "note": "Call Bob before 18:00. (Fictional.)",
    }
    values.update(overrides)
    return ReferralData(**values)  # type: ignore[arg-type]


@pytest.fixture
def send(caseworker: User, shelter_place: ServiceAtLocation) -> Callable[..., Referral]:
    def make(case: Case, place: ServiceAtLocation | None = None, **data: object) -> Referral:
        return services.send_referral(
            actor=caseworker,
            case=case,
            service_at_location=place or shelter_place,
            data=referral_data(**data),
        )

    return make


@pytest.fixture
def referral(presumed: Case, send: Callable[..., Referral]) -> Referral:
    return send(presumed)

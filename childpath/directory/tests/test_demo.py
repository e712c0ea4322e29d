"""The demo directory: fictional, idempotent, every service type, linked to demo organisations."""

import pytest

from childpath.accounts.models import Organisation, Sector
from childpath.directory import demo
from childpath.directory.models import Attribute, Organization, Service, ServiceAtLocation
from childpath.directory.taxonomy_data import SERVICE_TYPE_CODES

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    shelter = Organisation.objects.create(
        name="Shelter (fictional)", sector=Sector.SHELTER, country="SE"
    )
    counts = demo.load(users={}, organisations={"shelter": shelter}, cases={})
    return shelter, counts


def test_it_loads_twice_without_duplicates(loaded):
    shelter, counts = loaded
    before = (Service.objects.count(), ServiceAtLocation.objects.count(), Attribute.objects.count())
    assert demo.load(users={}, organisations={"shelter": shelter}, cases={}) == counts
    assert (
        Service.objects.count(),
        ServiceAtLocation.objects.count(),
        Attribute.objects.count(),
    ) == before


def test_it_offers_every_service_type(loaded):
    codes = set(Attribute.objects.values_list("taxonomy_term__code", flat=True))
    assert set(SERVICE_TYPE_CODES) <= codes


def test_its_organisations_are_visibly_fictional(loaded):
    assert all(
        "(fictional)" in name for name in Organization.objects.values_list("name", flat=True)
    )


def test_it_has_24_7_age_limited_and_many_language_services(loaded):
    assert Service.objects.filter(always_open=True).count() >= 3
    assert Service.objects.exclude(minimum_age=None).count() >= 5
    from childpath.directory.models import Language

    assert len(set(Language.objects.values_list("code", flat=True))) >= 10


def test_the_lighthouse_shelter_sends_referrals_to_the_shelter_organisation(loaded):
    shelter, _ = loaded
    sal = ServiceAtLocation.objects.select_related("service__organization").get(
        pk=demo.LIGHTHOUSE_SHELTER
    )
    assert sal.service.organization.organisation == shelter
    assert sal.service.always_open and sal.service.emergency

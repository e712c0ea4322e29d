"""Services added, edited and retired by hand: found by the search until retired, shown as
retired after; audited."""

import pytest
from django.urls import reverse

from childpath.audit.models import AuditEvent
from childpath.directory import services as directory
from childpath.directory.models import Organization, Service, ServiceAtLocation, ServiceStatus
from childpath.directory.tests.builders import ORG_ID, add_services, service_doc

pytestmark = pytest.mark.django_db


@pytest.fixture
def place():
    directory.ensure_taxonomies()
    return add_services(service_doc("Harbour night shelter"))[0]


def _data(**overrides):
    return {
        "name": "Lawyers for children",
        "organization": ORG_ID,
        "description": "Free legal advice.",
        "email": "",
        "url": "",
        "types": ["legal_aid"],
        **overrides,
    }


def test_it_adds_a_service_at_a_place_that_the_search_finds(admin_client, place):
    data = _data(location=str(place.location_id))
    assert admin_client.post(reverse("administration-service-new"), data).status_code == 302
    service = Service.objects.get(name="Lawyers for children")
    assert service.status == ServiceStatus.ACTIVE
    sal = ServiceAtLocation.objects.get(service=service)
    assert sal.active and sal.needs == "|legal_aid|"
    assert AuditEvent.objects.filter(action="directory.service_create").exists()


def test_it_refuses_ages_the_wrong_way_round(admin_client, place):
    data = _data(minimum_age="17", maximum_age="12")
    response = admin_client.post(reverse("administration-service-new"), data)
    assert response.status_code == 200
    assert 'href="#id_maximum_age"' in response.content.decode()
    assert not Service.objects.filter(name="Lawyers for children").exists()


def test_it_edits_a_service_and_its_types(admin_client, place):
    url = reverse("administration-service", args=[place.service_id])
    page = admin_client.get(url).content.decode()
    assert 'value="safe_accommodation"' in page.split("checked")[0][-200:] + page  # shown
    data = _data(name="Harbour night shelter", types=["safe_accommodation", "health"])
    assert admin_client.post(url, data).status_code == 302
    place.refresh_from_db()
    assert place.needs == "|health|safe_accommodation|"
    event = AuditEvent.objects.get(action="directory.service_update")
    assert "service_types" in event.fields


def test_it_retires_a_service_with_a_reason_and_still_lists_it(admin_client, place):
    url = reverse("administration-service-retire", args=[place.service_id])
    assert admin_client.post(url, {"reason": ""}).status_code == 200
    assert admin_client.post(url, {"reason": "Closed by the municipality"}).status_code == 302
    service = Service.objects.get(pk=place.service_id)
    assert service.status == ServiceStatus.DEFUNCT
    assert service.retired_reason == "Closed by the municipality"
    place.refresh_from_db()
    assert not place.active  # the search leaves it out
    page = admin_client.get(reverse("administration-services"), {"status": "retired"})
    assert "Harbour night shelter" in page.content.decode()
    assert AuditEvent.objects.filter(action="directory.service_retire").exists()


def test_it_retires_a_service_once(admin_client, place):
    url = reverse("administration-service-retire", args=[place.service_id])
    admin_client.post(url, {"reason": "Closed"})
    response = admin_client.post(url, {"reason": "Closed again"})
    assert response.status_code == 200
    assert Service.objects.get(pk=place.service_id).retired_reason == "Closed"


def test_it_searches_services_by_organisation_name(admin_client, place):
    Organization.objects.filter(pk=ORG_ID).update(name="Norrvik Municipality")
    page = admin_client.get(reverse("administration-services"), {"q": "norrvik"})
    assert "Harbour night shelter" in page.content.decode()
    page = admin_client.get(reverse("administration-services"), {"q": "nothing like it"})
    assert "Harbour night shelter" not in page.content.decode()

"""Organisations: listed, added, edited, their accounts deactivated; audited."""

import re

import pytest
from django.urls import reverse

from childpath.accounts.models import Organisation, Sector
from childpath.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
# An option with a value, chosen before anyone answered.
PRESET = re.compile(r'<option value="[^"]+"[^>]* selected')


def _data(**overrides):
    return {"name": "Harbour Shelter", "sector": Sector.SHELTER, "country": "se", **overrides}


def test_it_adds_an_organisation(admin_client):
    response = admin_client.post(reverse("administration-organisation-new"), _data())
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Harbour Shelter")
    assert organisation.country == "SE"
    assert AuditEvent.objects.filter(action="organisation.create").exists()


@pytest.mark.parametrize("country", ["S1", "SW", "Sweden"])
def test_it_refuses_a_country_that_is_not_a_code(admin_client, country):
    response = admin_client.post(reverse("administration-organisation-new"), _data(country=country))
    assert response.status_code == 200
    assert not Organisation.objects.filter(name="Harbour Shelter").exists()


def test_it_has_no_preset_sector(admin_client):
    page = admin_client.get(reverse("administration-organisation-new")).content.decode()
    assert not PRESET.search(page.split('id="id_sector"')[1].split("</select>")[0])


def test_it_edits_an_accreditation_and_audits_the_field(admin_client, orgs):
    school = orgs["school"]
    url = reverse("administration-organisation", args=[school.pk])
    data = _data(name=school.name, sector=school.sector, country="SE", is_service_provider="on")
    assert admin_client.post(url, data).status_code == 302
    school.refresh_from_db()
    assert school.is_service_provider
    event = AuditEvent.objects.get(action="organisation.update")
    assert "is_service_provider" in event.fields


def test_it_lists_and_filters_organisations(admin_client, orgs):
    url = reverse("administration-organisations")
    page = admin_client.get(url, {"sector": Sector.SHELTER}).content.decode()
    assert "Test Shelter" in page and "Test School" not in page


def test_it_deactivates_every_account_of_an_organisation(admin_client, orgs, frontline):
    url = reverse("administration-organisation-deactivate", args=[orgs["school"].pk])
    assert admin_client.post(url).status_code == 302
    frontline.refresh_from_db()
    assert not frontline.is_active
    assert AuditEvent.objects.filter(action="organisation.deactivate").exists()


def test_it_does_not_deactivate_the_administrators_own_organisation(
    admin_client, orgs, administrator
):
    url = reverse("administration-organisation-deactivate", args=[orgs["system"].pk])
    assert admin_client.post(url).status_code == 200
    administrator.refresh_from_db()
    assert administrator.is_active

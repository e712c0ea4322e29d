"""The lists cost the same however long they are (STYLE.md 6), and the profile page says
which profile is in force."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from childpath.accounts.models import Organisation, Role, Sector, User
from childpath.directory import services as directory
from childpath.directory.tests.builders import add_services, service_doc

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _people(count, organisation):
    for n in range(count):
        User.objects.create_user(
            username=f"p{organisation.pk.hex[:4]}{n}",
            organisation=organisation,
            role=Role.FRONTLINE,
        )


def test_it_lists_3_or_30_users_and_organisations_with_the_same_queries(admin_client, orgs):
    lists = [reverse("administration-users"), reverse("administration-organisations")]
    _people(3, orgs["school"])
    few = [_queries(admin_client, url) for url in lists]
    for n in range(27):
        organisation = Organisation.objects.create(name=f"Org {n}", sector=Sector.NGO, country="SE")
        _people(1, organisation)
    assert [_queries(admin_client, url) for url in lists] == few


def test_it_lists_3_or_30_services_with_the_same_queries(admin_client):
    directory.ensure_taxonomies()
    add_services(*(service_doc(f"Shelter {n}") for n in range(3)))
    url = reverse("administration-services")
    few = _queries(admin_client, url)
    add_services(*(service_doc(f"More {n}") for n in range(27)))
    assert _queries(admin_client, url) == few


def test_it_shows_the_profile_in_force_and_links_to_its_rules(admin_client, settings):
    page = admin_client.get(reverse("administration-profile")).content.decode()
    assert f"profiles/{settings.CHILDPATH_PROFILE}.yaml" in page
    assert f'href="{reverse("jurisdiction")}"' in page

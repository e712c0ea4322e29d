"""The directory pages, persona by persona: search (full page and htmx part) and details."""

import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from childpath.directory.models import TaxonomyTerm
from childpath.directory.tests.builders import add_services, service_doc
from conftest import verified_client

pytestmark = pytest.mark.django_db
SEARCH = "/directory/"
EVERYONE = [
    "frontline",
    "caseworker",
    "coordinator",
    "outsider",
    "provider",
    "panel",
    "analyst",
    "administrator",
]
SEE_CASES = ["frontline", "caseworker", "coordinator", "outsider", "provider", "panel"]


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        verified_client(user, client)
    return client


@pytest.fixture
def shelter():
    [sal] = add_services(
        service_doc("Harbour shelter", languages=("ar",), ages=(12, 17), flags=("emergency",))
    )
    return sal


def test_it_asks_anonymous_visitors_to_sign_in():
    response = _client().get(SEARCH)
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize("persona", EVERYONE)
def test_every_signed_in_user_may_search(persona, request, shelter):
    response = _client(request.getfixturevalue(persona)).get(SEARCH, {"need": "safe_accommodation"})
    assert response.status_code == 200
    assert "Harbour shelter" in response.content.decode()


@pytest.mark.parametrize("persona", SEE_CASES)
def test_the_menu_links_to_the_directory_for_those_who_refer(persona, request):
    page = _client(request.getfixturevalue(persona)).get("/").content.decode()
    assert f'href="{SEARCH}"' in page


@pytest.mark.parametrize("persona", ["analyst", "administrator"])
def test_the_menu_has_no_directory_link_for_those_without_cases(persona, request):
    page = _client(request.getfixturevalue(persona)).get("/").content.decode()
    assert f'href="{SEARCH}"' not in page


def test_the_page_shows_why_a_result_fits(caseworker, shelter):
    page = (
        _client(caseworker)
        .get(
            SEARCH, {"need": "safe_accommodation", "near": "norrvik", "language": "ar", "age": "15"}
        )
        .content.decode()
    )
    for text in (
        "Offers Safe accommodation",
        "km away",
        "Speaks Arabic",
        "Ages 12 to 17",
        "Takes emergencies",
    ):
        assert text in page


def test_the_page_shows_what_does_not_fit(caseworker, shelter):
    page = _client(caseworker).get(SEARCH, {"age": "19", "language": "sv"}).content.decode()
    assert "Partly fitting" in page
    assert "Does not list Swedish" in page
    assert "Only for: Ages 12 to 17" in page


def test_htmx_gets_only_the_results(caseworker, shelter):
    response = _client(caseworker).get(
        SEARCH, {"need": "safe_accommodation"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "Harbour shelter" in html and "<form" not in html and "<html" not in html


def test_bad_input_is_explained_next_to_the_field(caseworker):
    page = _client(caseworker).get(SEARCH, {"age": "-3", "near": "atlantis"}).content.decode()
    assert "Ensure this value is greater than or equal to 0." in page
    assert "Select a valid choice." in page


def test_a_point_works_as_a_place(caseworker, shelter):
    page = _client(caseworker).get(SEARCH, {"near": "62.9,17.2", "radius": "5"}).content.decode()
    assert "Harbour shelter" in page


def test_a_case_reference_adds_refer_links(caseworker, shelter, case):
    page = (
        _client(caseworker)
        .get(SEARCH, {"need": "safe_accommodation", "case": case.reference})
        .content.decode()
    )
    assert f"Choose a service for case {case.reference}" in page
    assert f"/cases/{case.reference}/referrals/new/?service_at_location={shelter.pk}" in page
    # The need searched for goes to the referral form, which preselects it.
    assert f"service_at_location={shelter.pk}&amp;need=safe_accommodation" in page


def test_no_refer_links_without_a_case(caseworker, shelter):
    page = _client(caseworker).get(SEARCH, {"need": "safe_accommodation"}).content.decode()
    assert "service_at_location=" not in page


def test_a_malformed_case_reference_is_refused(caseworker, shelter):
    page = _client(caseworker).get(SEARCH, {"case": "not a case"}).content.decode()
    assert "This is not a case reference." in page


def _queries(client, url, params) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, params).status_code == 200
    return len(context)


def test_the_search_page_costs_the_same_with_more_services(caseworker, shelter):
    client = _client(caseworker)
    params = {"need": "safe_accommodation", "near": "norrvik", "open_now": "on", "language": "ar"}
    few = _queries(client, SEARCH, params)
    add_services(*(service_doc(f"Shelter {i}", hours=("MO", "09:00", "10:00")) for i in range(15)))
    assert _queries(client, SEARCH, params) == few


@pytest.mark.parametrize("persona", EVERYONE)
def test_the_service_page(persona, request, shelter):
    response = _client(request.getfixturevalue(persona)).get(
        f"/directory/services/{shelter.service_id}/"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Harbour shelter" in page and "Safe accommodation" in page


def test_the_service_page_of_an_unknown_service_is_404(caseworker):
    assert (
        _client(caseworker)
        .get("/directory/services/00000000-0000-4000-8000-000000000000/")
        .status_code
        == 404
    )


def test_the_service_page_refers_for_a_case(caseworker, shelter, case):
    page = (
        _client(caseworker)
        .get(f"/directory/services/{shelter.service_id}/", {"case": case.reference})
        .content.decode()
    )
    assert f"service_at_location={shelter.pk}" in page


def test_the_service_page_costs_the_same_with_more_places(caseworker):
    many = service_doc("Many places")
    many["service_at_locations"] += [
        {
            "id": str(uuid.uuid4()),
            "location": {"id": str(uuid.uuid4()), "location_type": "physical"},
        }
        for _ in range(5)
    ]
    [one] = add_services(service_doc("One place"))
    [other] = add_services(many)
    client = _client(caseworker)
    assert _queries(client, f"/directory/services/{one.service_id}/", {}) == _queries(
        client, f"/directory/services/{other.service_id}/", {}
    )


def test_terms_of_an_imported_taxonomy_are_needs_too(caseworker):
    term = TaxonomyTerm.objects.create(code="food-bank", name="Food bank", description="")
    pantry = service_doc("Fictional pantry", needs=())
    pantry["attributes"] = [{"id": str(uuid.uuid4()), "taxonomy_term_id": str(term.pk)}]
    add_services(pantry)
    page = _client(caseworker).get(SEARCH, {"need": "food-bank"}).content.decode()
    assert "Fictional pantry" in page and "Food bank" in page

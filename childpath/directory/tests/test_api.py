"""The HSDS v3 API: who may read it, the Page envelope, and every object against the HSDS
schemas (../shared/hsds-3.0/schema; skipped where that is absent)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from childpath.directory.demo import documents
from childpath.directory.hsds import shapes
from childpath.directory.hsds.files import read_paths
from childpath.directory.hsds.parse import Reader
from childpath.directory.models import (
    Organization,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from childpath.directory.services import import_batch
from childpath.directory.taxonomy_data import term_id
from childpath.directory.tests.schemas import EXAMPLES, errors, requires_hsds
from conftest import issue_api_token

pytestmark = pytest.mark.django_db
API = "/api/v1/hsds"
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
PAGE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}
LISTS = {
    "services": "compiled/service_list.json",
    "organizations": "compiled/organization_list.json",
    "service_at_locations": "compiled/service_at_location_list.json",
    "taxonomies": "taxonomy.json",
    "taxonomy_terms": "taxonomy_term.json",
}


def _client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def directory():
    """The demo directory and the HSDS example organization, in one database."""
    reader = Reader()
    reader.document(documents(), "demo", "organization")
    assert import_batch(actor=None, batch=reader.batch, source="demo").ok
    if EXAMPLES.exists():
        assert import_batch(
            actor=None, batch=read_paths([EXAMPLES / "organization_full.json"]), source="x"
        ).ok


@pytest.mark.parametrize(
    "path",
    ["", "/services", "/organizations", "/service_at_locations", "/taxonomies", "/taxonomy_terms"],
)
def test_anonymous_callers_get_401(path):
    assert _client().get(f"{API}{path}").status_code == 401


@pytest.mark.parametrize("persona", EVERYONE)
def test_every_signed_in_user_may_read_the_directory(persona, request, directory):
    response = _client(request.getfixturevalue(persona)).get(f"{API}/services")
    assert response.status_code == 200


def test_a_token_works_like_for_the_rest_of_the_api(caseworker, directory):
    token = issue_api_token(caseworker)
    response = APIClient().get(f"{API}/organizations", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200


def test_the_root_says_which_hsds_version(caseworker):
    body = _client(caseworker).get(API).json()
    assert body["version"] == "3.0" and body["openapi_url"].endswith("/api/v1/schema/")


@pytest.mark.parametrize("name", LISTS)
def test_lists_use_the_page_envelope(caseworker, directory, name):
    body = _client(caseworker).get(f"{API}/{name}", {"per_page": 2}).json()
    assert set(body) == PAGE_KEYS
    assert body["page_number"] == 1 and body["first_page"] and body["size"] == len(body["contents"])
    assert body["total_pages"] == -(-body["total_items"] // 2)


def test_paging_through_services(caseworker, directory):
    client = _client(caseworker)
    total = Service.objects.count()
    seen = []
    for page in range(1, -(-total // 7) + 1):
        body = client.get(f"{API}/services", {"per_page": 7, "page": page}).json()
        seen += [s["id"] for s in body["contents"]]
    assert len(seen) == len(set(seen)) == total
    assert body["last_page"] and not body["empty"]
    beyond = client.get(f"{API}/services", {"per_page": 7, "page": page + 1}).json()
    assert beyond["empty"] and beyond["contents"] == []


def test_filters_of_hsds(caseworker, directory):
    client = _client(caseworker)
    shelters = client.get(
        f"{API}/services", {"taxonomy_term_id": term_id("safe_accommodation")}
    ).json()
    assert shelters["total_items"] == 4
    org = Organization.objects.get(name__startswith="Lighthouse")
    assert (
        client.get(f"{API}/services", {"organization_id": str(org.pk)}).json()["total_items"] == 2
    )
    assert client.get(f"{API}/services", {"search": "Lighthouse trauma"}).json()["total_items"] == 1
    terms = client.get(f"{API}/taxonomy_terms", {"search": "legal_aid"}).json()
    assert [t["code"] for t in terms["contents"]] == ["legal_aid"]


@pytest.mark.parametrize(
    "params",
    [
        {"page": "0"},
        {"per_page": "100000"},
        {"taxonomy_term_id": "x"},
        {"modified_after": "yesterday"},
    ],
)
def test_bad_parameters_are_400(caseworker, params):
    response = _client(caseworker).get(f"{API}/services", params)
    assert response.status_code == 400
    assert set(response.json()) <= set(params)


def test_an_unknown_id_is_404(caseworker):
    response = _client(caseworker).get(f"{API}/services/00000000-0000-4000-8000-000000000000")
    assert response.status_code == 404


@requires_hsds
@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("full", [False, True])
def test_every_listed_object_validates(caseworker, directory, name, full):
    body = _client(caseworker).get(f"{API}/{name}", {"per_page": 200, "full": full}).json()
    assert body["contents"]
    schema = LISTS[name]
    if full and name in ("services", "organizations", "service_at_locations"):
        schema = schema.replace("_list", "")
    for item in body["contents"]:
        assert errors(schema, item) == [], item["id"]


@requires_hsds
@pytest.mark.parametrize(
    ("model", "path", "schema"),
    [
        (Service, "services", "compiled/service.json"),
        (Organization, "organizations", "compiled/organization.json"),
        (ServiceAtLocation, "service_at_locations", "compiled/service_at_location.json"),
        (Taxonomy, "taxonomies", "taxonomy.json"),
        (TaxonomyTerm, "taxonomy_terms", "taxonomy_term.json"),
    ],
)
def test_every_object_in_full_validates(caseworker, directory, model, path, schema):
    client = _client(caseworker)
    for pk in model.objects.values_list("pk", flat=True):
        body = client.get(
            f"{API}/{path}/{pk}", {"full_service": "true"} if path == "organizations" else {}
        ).json()
        assert errors(schema, body) == [], pk


@requires_hsds
def test_a_served_service_imports_again_unchanged(caseworker):
    assert import_batch(
        actor=None, batch=read_paths([EXAMPLES / "service_full.json"]), source="x"
    ).ok
    client = _client(caseworker)
    sid = "ac148810-d857-441c-9679-408f346de14b"
    served = client.get(f"{API}/services/{sid}").json()
    reader = Reader()
    reader.document(served, "served.json", "service")
    report = import_batch(actor=None, batch=reader.batch, source="round trip")
    assert report.ok and sum(report.created.values()) == 0
    assert client.get(f"{API}/services/{sid}").json() == served


def _queries(client, path, params) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(path, params).status_code == 200
    return len(context)


@pytest.mark.parametrize(
    ("path", "params", "shape"),
    [
        ("services", {"full": "true"}, shapes.SERVICE),
        ("organizations", {"full_service": "true"}, shapes.organization(True)),
    ],
)
def test_a_page_costs_one_query_per_nested_level_not_per_object(
    caseworker, directory, path, params, shape
):
    # Besides one query per prefetched level: the count, the page, attributes and metadata.
    budget = len(shape.lookups()) + 4
    assert _queries(_client(caseworker), f"{API}/{path}", params | {"per_page": 200}) <= budget

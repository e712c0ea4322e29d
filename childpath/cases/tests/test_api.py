"""/api/v1/cases through session and token auth: the same access path and checks as pages."""

import json

import pytest
from django.test import Client

from childpath.audit.models import AuditEvent
from childpath.cases.models import Case, CaseMember, Encounter, Identity
from childpath.signin.tests.helpers import authenticator, code_for
from conftest import PASSWORD

CASES = "/api/v1/cases"


def _payload(**child: object) -> dict[str, object]:
    return {
        "child": {
            "given_names": "Mirela",
            "family_name": "Exemplova",
            "sex": "female",
            "date_of_birth": "2011-07-23",
            "citizenship": "BG",
            "languages": ["bg"],
            **child,
        },
        "encounter": {
            "came_to_notice": "outreach",
            "occurred_on": "2026-01-10",
            "observations": "Fictional observation.",
        },
        "lead_organisation": None,
    }


def _counts() -> tuple[int, int, int, int]:
    return (
        Case.objects.count(),
        Identity.objects.count(),
        Encounter.objects.count(),
        AuditEvent.objects.count(),
    )


def _post(client: Client, body: object):
    return client.post(CASES, json.dumps(body), content_type="application/json")


def _patch(client: Client, reference: str, body: object):
    """A PATCH with the version the client last saw (If-Match), as a careful client sends."""
    version = Case.objects.get(reference=reference).version
    return client.patch(
        f"{CASES}/{reference}",
        json.dumps(body),
        content_type="application/json",
        HTTP_IF_MATCH=f'"v{version}"',
    )


@pytest.fixture
def token_client(caseworker) -> Client:
    """A system signing in with a token (both factors), no session."""
    otp = code_for(authenticator(caseworker))
    response = Client().post(
        "/api/v1/auth/token", {"username": "bob", "password": PASSWORD, "otp": otp}
    )
    return Client(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")


# Authentication


def test_it_refuses_an_anonymous_request(case, client):
    response = client.get(CASES)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_it_refuses_a_wrong_token(case):
    response = Client(HTTP_AUTHORIZATION="Token " + "0" * 40).get(CASES)
    assert response.status_code == 401
    assert "results" not in response.json()


def test_it_lists_cases_through_a_session(case, caseworker, login):
    response = login(caseworker).get(CASES)
    assert response.status_code == 200
    assert [row["reference"] for row in response.json()["results"]] == [case.reference]


def test_it_lists_cases_through_a_token(case, token_client):
    response = token_client.get(CASES)
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1


def test_it_never_lists_identifying_data(case, caseworker, login):
    row = login(caseworker).get(CASES).json()["results"][0]
    assert "child" not in row
    assert "Testa" not in json.dumps(row)


# Create


def test_it_creates_a_case_through_a_session(frontline, login):
    response = _post(login(frontline), _payload())
    assert response.status_code == 201
    case = Case.objects.get(reference=response.json()["reference"])
    assert case.identity.full_name == "Mirela Exemplova"


def test_it_creates_a_case_through_a_token(token_client, caseworker):
    response = _post(token_client, _payload())
    assert response.status_code == 201
    assert CaseMember.objects.filter(user=caseworker).count() == 1


def test_it_puts_the_lead_organisation_on_the_team(frontline, orgs, login):
    body = {**_payload(), "lead_organisation": str(orgs["social"].pk)}
    response = _post(login(frontline), body)
    team = {row["organisation"] for row in response.json()["team"]}
    assert team == {"Test School", "Test Social Services"}


def test_it_treats_an_unknown_age_as_a_child(frontline, login):
    response = _post(login(frontline), _payload(date_of_birth=None))
    age = response.json()["age"]
    assert (age["treated_as_child"], age["presumed"], age["basis"]) == (True, True, "unknown")


def test_it_refuses_to_create_for_a_provider(provider, login):
    response = _post(login(provider), _payload())
    assert response.status_code == 403
    assert not Case.objects.exists()


def test_it_rejects_an_unknown_lead_organisation(frontline, login):
    body = {**_payload(), "lead_organisation": "00000000-0000-0000-0000-000000000000"}
    response = _post(login(frontline), body)
    assert response.status_code == 400
    assert "lead_organisation" in response.json()
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("child", "field"),
    [
        ({"date_of_birth": "2999-01-01"}, "date_of_birth"),
        ({"citizenship": "XX"}, "citizenship"),
        ({"given_names": "A" * 201}, "given_names"),
        ({"aliases": ["A" * 201]}, "aliases"),
        ({"languages": ["xx-notalanguage"]}, "languages"),
        ({"languages": ["qqq"]}, "languages"),
        ({"claimed_age": "fifteen"}, "claimed_age"),
        ({"claimed_age": 121}, "claimed_age"),
        ({"languages": "bg"}, "languages"),
        ({"age_disputed": "perhaps"}, "age_disputed"),
        ({"sex": "robot"}, "sex"),
        ({"date_of_birth": "23/07/2011"}, "date_of_birth"),
    ],
)
def test_it_rejects_invalid_child_data_on_create(frontline, login, child, field):
    before = _counts()
    response = _post(login(frontline), _payload(**child))
    assert response.status_code == 400
    assert field in response.json()["child"]
    assert _counts() == before


def test_it_rejects_a_future_encounter(frontline, login):
    body = _payload()
    body["encounter"]["occurred_on"] = "2999-01-01"  # type: ignore[index]
    response = _post(login(frontline), body)
    assert response.status_code == 400
    assert "occurred_on" in response.json()["encounter"]


def test_it_rejects_malformed_json(frontline, login):
    before = _counts()
    response = login(frontline).post(CASES, '{"child": {', content_type="application/json")
    assert response.status_code == 400
    assert "detail" in response.json()
    assert _counts() == before


@pytest.mark.parametrize("body", [[], "a case", {"child": "Mirela", "encounter": 3}])
def test_it_rejects_a_body_of_the_wrong_shape(frontline, login, body):
    before = _counts()
    response = _post(login(frontline), body)
    assert response.status_code == 400
    assert _counts() == before


def test_it_names_the_error_in_the_users_language(frontline, login):
    client = login(frontline)
    response = client.post(
        CASES,
        json.dumps(_payload(given_names="A" * 201)),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    assert "tecken" in response.json()["child"]["given_names"][0]


# Retrieve


def test_it_shows_the_child_to_the_team(case, caseworker, login):
    response = login(caseworker).get(f"{CASES}/{case.reference}")
    assert response.status_code == 200
    assert response.json()["child"]["given_names"] == "Testa"


def test_it_shows_the_child_through_a_token(case, token_client):
    response = token_client.get(f"{CASES}/{case.reference}")
    assert response.json()["child"]["family_name"] == "Exempel"


def test_it_audits_a_read_through_the_api(case, caseworker, login):
    login(caseworker).get(f"{CASES}/{case.reference}")
    assert AuditEvent.objects.filter(action="case.read", case_reference=case.reference).exists()


def test_it_answers_404_for_a_case_that_does_not_exist(case, caseworker, login):
    assert login(caseworker).get(f"{CASES}/CP-0000-0000").status_code == 404


# Partial update


def test_it_changes_only_the_fields_sent(case, caseworker, login):
    response = _patch(login(caseworker), case.reference, {"given_names": "Testina"})
    assert response.status_code == 200
    identity = Identity.objects.get(case=case)
    assert (identity.given_names, identity.family_name) == ("Testina", "Exempel")


def test_it_changes_details_through_a_token(case, token_client):
    response = _patch(token_client, case.reference, {"claimed_age": 15, "age_disputed": True})
    assert response.status_code == 200
    case.refresh_from_db()
    assert (case.claimed_age, case.age_disputed) == (15, True)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"date_of_birth": "2999-01-01"}, "date_of_birth"),
        ({"citizenship": "XX"}, "citizenship"),
        ({"family_name": "A" * 201}, "family_name"),
        ({"languages": ["qqq"]}, "languages"),
        ({"claimed_age": [15]}, "claimed_age"),
    ],
)
def test_it_rejects_an_invalid_change_and_saves_nothing(case, caseworker, login, body, field):
    before = _counts()
    response = _patch(login(caseworker), case.reference, {"given_names": "Other", **body})
    assert response.status_code == 400
    assert field in response.json()
    assert _counts() == before
    assert Identity.objects.get(case=case).given_names == "Testa"


def test_it_rejects_a_malformed_patch(case, caseworker, login):
    response = login(caseworker).patch(
        f"{CASES}/{case.reference}",
        "{given_names:",
        content_type="application/json",
        HTTP_IF_MATCH='"v1"',
    )
    assert response.status_code == 400


# Search through the blind index: a POST, so no name or date of birth is ever in a URL


SEARCH = f"{CASES}/search"


def test_it_refuses_a_search_by_name_in_the_query_string(case, caseworker, login):
    response = login(caseworker).get(CASES, {"name": "Testa Exempel"})
    assert response.status_code == 400
    assert "/search" in response.json()["name"][0]


def test_it_refuses_a_search_by_get(case, caseworker, login):
    assert login(caseworker).get(SEARCH).status_code == 405


def test_it_finds_a_case_by_name_and_date_of_birth(case, make_case, caseworker, login):
    make_case(given_names="Otra")
    response = login(caseworker).post(
        SEARCH,
        {"name": "Testa Exempel", "date_of_birth": "2010-04-01"},
        content_type="application/json",
    )
    assert [row["reference"] for row in response.json()] == [case.reference]


def test_it_finds_a_case_by_name_alone(case, caseworker, login):
    response = login(caseworker).post(
        SEARCH, {"name": "exempel testa"}, content_type="application/json"
    )
    assert len(response.json()) == 1


def test_it_finds_nothing_for_another_date_of_birth(case, caseworker, login):
    response = login(caseworker).post(
        SEARCH,
        {"name": "Testa Exempel", "date_of_birth": "2010-04-02"},
        content_type="application/json",
    )
    assert len(response.json()) == 0


def test_it_rejects_a_malformed_search_date(case, caseworker, login):
    response = login(caseworker).post(
        SEARCH, {"name": "Testa Exempel", "date_of_birth": "soon"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "date_of_birth" in response.json()


def test_it_searches_only_the_cases_the_searcher_may_see(case, outsider, login):
    response = login(outsider).post(
        SEARCH, {"name": "Testa Exempel"}, content_type="application/json"
    )
    assert len(response.json()) == 0


# Schema, documentation, liveness


def test_it_serves_the_openapi_schema(db, client):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert "/api/v1/cases" in response.json()["paths"]


def test_it_serves_the_api_documentation(db, client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    assert b"swagger" in response.content.lower()


def test_it_answers_the_liveness_check(db, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}

"""/api/v1/cases/<reference>/rights and /information-deliveries: the pages' access rules."""

import json
from typing import Any

import pytest
from django.test import Client

from childpath.audit.models import AuditEvent
from childpath.rights.models import InformationDelivery
from conftest import issue_api_token, verified_client

SEE = ["frontline", "caseworker", "coordinator", "viewer"]


def _rights(case) -> str:
    return f"/api/v1/cases/{case.reference}/rights"


def _deliveries(case) -> str:
    return f"/api/v1/cases/{case.reference}/information-deliveries"


def _body(**overrides) -> dict[str, Any]:
    body = {
        "rights": ["interpreter", "guardian"],
        "language": "uk",
        "formats": ["oral", "interpreter"],
        "delivered_at": "2026-01-12T10:00:00+01:00",
        "understood": "partly",
        "child_views": "Fictional: asked if he can stay with his cousin.",
    }
    body.update(overrides)
    return body


def _post(client: Client, case, body) -> object:
    return client.post(_deliveries(case), json.dumps(body), content_type="application/json")


@pytest.fixture
def token_client(caseworker) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {issue_api_token(caseworker)}")


def test_it_lists_the_rights_with_status_triggers_deadlines_and_who_is_responsible(
    unaccompanied_case, token_client
):
    response = token_client.get(_rights(unaccompanied_case))
    assert response.status_code == 200
    body = response.json()
    assert body["profile"] == "SE"
    assert body["facts"]["protection_status"] == "presumed"
    assert body["facts"]["unaccompanied"] == "yes"
    by_code = {right["code"]: right for right in body["rights"]}
    guardian = by_code["guardian"]
    assert guardian["status"] == "in_force"
    assert {t["code"] for t in guardian["triggers"] if t["holds"]} == {"child", "unaccompanied"}
    assert guardian["deadline"] and guardian["responsible"] == "guardian"
    assert guardian["informed"] is False
    permit = by_code["residence_permit"]
    assert permit["status"] == "pending" and permit["missing"] == ["identified"]
    assert body["guardian"] is None


def test_reading_the_rights_is_audited(presumed_case, token_client):
    token_client.get(_rights(presumed_case))
    event = AuditEvent.objects.filter(action="case.read").latest("id")
    assert event.case_reference == presumed_case.reference
    assert "rights" in event.fields


@pytest.mark.parametrize("persona", SEE)
def test_whoever_may_see_the_case_records_a_delivery(request, unaccompanied_case, persona, viewer):
    user = request.getfixturevalue(persona)
    if persona == "viewer":
        from childpath.cases import services

        services.add_team_member(
            actor=request.getfixturevalue("caseworker"),
            case=unaccompanied_case,
            organisation=user.organisation,
            user=user,
            access="view",
        )
    client = Client()
    verified_client(user, client)
    response = _post(client, unaccompanied_case, _body())
    assert response.status_code == 201, response.content
    assert response.json()["delivered_by"] == user.username
    listed = client.get(_deliveries(unaccompanied_case)).json()
    assert listed[0]["rights"] == ["interpreter", "guardian"]
    assert listed[0]["child_views"].startswith("Fictional")
    rights = {r["code"]: r for r in client.get(_rights(unaccompanied_case)).json()["rights"]}
    assert rights["guardian"]["informed"] and rights["information"]["informed"]


@pytest.mark.parametrize("persona", ["outsider", "panel", "provider"])
def test_it_answers_404_off_the_team(request, presumed_case, persona):
    client = Client()
    verified_client(request.getfixturevalue(persona), client)
    assert client.get(_rights(presumed_case)).status_code == 404
    assert client.get(_deliveries(presumed_case)).status_code == 404
    assert _post(client, presumed_case, _body()).status_code == 404


@pytest.mark.parametrize("persona", ["analyst", "administrator"])
def test_it_answers_403_to_roles_without_cases(request, presumed_case, persona):
    client = Client()
    verified_client(request.getfixturevalue(persona), client)
    assert client.get(_rights(presumed_case)).status_code == 403
    assert _post(client, presumed_case, _body()).status_code == 403


def test_it_answers_401_without_credentials(presumed_case):
    assert Client().get(_rights(presumed_case)).status_code == 401
    assert _post(Client(), presumed_case, _body()).status_code == 401


def test_it_answers_404_for_an_unknown_case(token_client):
    assert token_client.get("/api/v1/cases/CP-0000-0000/rights").status_code == 404


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"rights": ["flying"]}, "rights"),
        ({"rights": []}, "rights"),
        ({"language": "klingon"}, "language"),
        ({"delivered_at": "2999-01-01T10:00:00Z"}, "delivered_at"),
        ({"formats": []}, "formats"),
        ({"understood": "maybe"}, "understood"),
        ({"delivered_at": "yesterday"}, "delivered_at"),
    ],
)
def test_bad_input_answers_400_with_field_errors_and_saves_nothing(
    presumed_case, token_client, change, field
):
    response = _post(token_client, presumed_case, _body(**change))
    assert response.status_code == 400
    assert field in response.json()
    assert not InformationDelivery.objects.exists()


def test_every_right_in_force_needs_one_in_force(case, token_client):
    response = _post(token_client, case, _body(rights=[], all_in_force=True))
    assert response.status_code == 400
    assert "all_in_force" in response.json()


def test_the_schema_documents_both_endpoints(token_client):
    schema = token_client.get("/api/v1/schema/?format=json").json()
    assert "/api/v1/cases/{reference}/rights" in schema["paths"]
    operations = schema["paths"]["/api/v1/cases/{reference}/information-deliveries"]
    assert {"get", "post"} <= set(operations)
    assert {"400", "401", "403", "404"} <= set(operations["post"]["responses"])

"""/api/v1/cases/<reference>/rights/<code>/provisions, and what /rights then says: the pages'
access rules (edit access to record, 403 view-only, 404 off the team)."""

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from childpath.audit.models import AuditEvent
from childpath.rights.models import RightProvision
from conftest import issue_api_token, verified_client


def _url(case, code: str = "safe_accommodation") -> str:
    return f"/api/v1/cases/{case.reference}/rights/{code}/provisions"


def _body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "provided_on": timezone.localdate().isoformat(),
        "note": "Fictional: a room at the test shelter.",
    }
    body.update(overrides)
    return body


def _post(client: Client, case, body, code: str = "safe_accommodation"):
    return client.post(_url(case, code), json.dumps(body), content_type="application/json")


def _client(user) -> Client:
    client = Client()
    verified_client(user, client)
    return client


@pytest.fixture
def token_client(caseworker) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {issue_api_token(caseworker)}")


def test_an_editor_records_a_provision_and_lists_the_history(presumed_case, token_client):
    declined = _post(token_client, presumed_case, _body(declined=True, note=""))
    assert declined.status_code == 201, declined.content
    provided = _post(token_client, presumed_case, _body())
    assert provided.status_code == 201
    body = provided.json()
    assert body["right"] == "safe_accommodation" and body["declined"] is False
    assert body["recorded_by"] == "bob" and body["organisation"] == "Test Social Services"
    listed = token_client.get(_url(presumed_case)).json()
    assert [row["declined"] for row in listed["results"]] == [False, True]  # newest first
    assert listed["results"][0]["note"].startswith("Fictional")


def test_reading_the_history_is_audited(presumed_case, token_client):
    token_client.get(_url(presumed_case))
    event = AuditEvent.objects.filter(action="case.read").latest("id")
    assert event.case_reference == presumed_case.reference
    assert event.fields == ["right_provisions"]


def test_the_rights_say_met_declined_and_when(presumed_case, token_client):
    today = timezone.localdate().isoformat()
    _post(token_client, presumed_case, _body())
    _post(token_client, presumed_case, _body(declined=True), code="health_care")
    rights = token_client.get(f"/api/v1/cases/{presumed_case.reference}/rights").json()
    by_code = {right["code"]: right for right in rights["rights"]}
    accommodation = by_code["safe_accommodation"]
    assert accommodation["met"] is True and accommodation["provided_on"] == today
    assert accommodation["declined"] is False and accommodation["provisions"] == 1
    health = by_code["health_care"]
    assert health["met"] is False and health["declined"] is True
    assert health["declined_on"] == today and health["overdue"] is False
    assert by_code["interpreter"]["provisions"] == 0 and by_code["interpreter"]["met"] is False


def test_a_view_only_member_gets_403_but_may_read(presumed_case, viewer):
    client = _client(viewer)
    assert _post(client, presumed_case, _body()).status_code == 403
    assert client.get(_url(presumed_case)).status_code == 200
    assert not RightProvision.objects.exists()


@pytest.mark.parametrize("persona", ["outsider", "panel", "provider"])
def test_off_the_team_it_answers_404(request, presumed_case, persona):
    client = _client(request.getfixturevalue(persona))
    assert client.get(_url(presumed_case)).status_code == 404
    assert _post(client, presumed_case, _body()).status_code == 404


@pytest.mark.parametrize("persona", ["analyst", "administrator"])
def test_roles_without_cases_get_403(request, presumed_case, persona):
    client = _client(request.getfixturevalue(persona))
    assert client.get(_url(presumed_case)).status_code == 403
    assert _post(client, presumed_case, _body()).status_code == 403


def test_it_answers_401_without_credentials(presumed_case):
    assert Client().get(_url(presumed_case)).status_code == 401
    assert _post(Client(), presumed_case, _body()).status_code == 401


def test_an_unknown_right_or_case_answers_404(presumed_case, token_client):
    assert token_client.get(_url(presumed_case, "flying")).status_code == 404
    assert _post(token_client, presumed_case, _body(), code="flying").status_code == 404
    assert (
        token_client.get("/api/v1/cases/CP-0000-0000/rights/health_care/provisions").status_code
        == 404
    )


def test_a_right_the_profile_does_not_have_answers_404(presumed_case, token_client, monkeypatch):
    from dataclasses import replace

    from childpath.jurisdiction.active import current_profile
    from childpath.rights import api

    profile = current_profile()
    without = replace(profile, rights=tuple(r for r in profile.rights if r.code != "compensation"))
    monkeypatch.setattr(api, "current_profile", lambda: without)
    assert _post(token_client, presumed_case, _body(), code="compensation").status_code == 404


@pytest.mark.parametrize(
    ("code", "change", "field"),
    [
        ("residence_permit", {}, "right"),
        ("information", {}, "right"),
        ("guardian", {}, "right"),
        ("safe_accommodation", {"provided_on": "2999-01-01"}, "provided_on"),
        ("safe_accommodation", {"provided_on": "2001-01-01"}, "provided_on"),
        ("safe_accommodation", {"provided_on": "yesterday"}, "provided_on"),
        ("safe_accommodation", {"declined": "perhaps"}, "declined"),
        ("safe_accommodation", {"note": "x" * 1001}, "note"),
    ],
)
def test_bad_input_answers_400_with_field_errors_and_saves_nothing(
    presumed_case, token_client, code, change, field
):
    response = _post(token_client, presumed_case, _body(**change), code=code)
    assert response.status_code == 400
    assert field in response.json()
    assert not RightProvision.objects.exists()


def test_a_pending_right_is_refused_in_words(presumed_case, token_client):
    response = _post(token_client, presumed_case, _body(), code="residence_permit")
    assert "is not in force yet" in response.json()["right"][0]


def test_the_schema_documents_the_endpoint(token_client):
    schema = token_client.get("/api/v1/schema/?format=json").json()
    operations = schema["paths"]["/api/v1/cases/{reference}/rights/{code}/provisions"]
    assert {"get", "post"} <= set(operations)
    assert {"400", "401", "403", "404"} <= set(operations["post"]["responses"])
    code = next(p for p in operations["post"]["parameters"] if p["name"] == "code")
    assert "safe_accommodation" in code["schema"]["enum"]
    right = schema["components"]["schemas"]["Right"]["properties"]
    assert {"met", "provided_on", "declined", "declined_on", "provisions"} <= set(right)

"""/api/v1/cases/<reference>/identifications: the same rules as the pages. Fictional data."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from childpath.audit.models import AuditEvent
from childpath.cases.models import Access
from childpath.identification.models import Decision


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def url(case) -> str:
    return f"/api/v1/cases/{case.reference}/identifications"


def body(**overrides):
    data = {
        "decided_by": "organisation",
        "status": "identified",
        "path": "social",
        "decided_on": timezone.localdate().isoformat(),
        "reasons": "Fictional reasons.",
    }
    data.update(overrides)
    return data


def members(full_panel):
    return [{"organisation": str(org.pk), "name": name} for org, name in full_panel]


def test_it_lists_the_status_and_decisions_with_htcds_values(presumed_case, caseworker):
    data = client_for(caseworker).get(url(presumed_case)).json()
    assert data["status"]["status"] == "presumed"
    assert data["status"]["trafficking_status"] == "PossibleVictimOfTrafficking"
    assert data["status"]["presumed_since"] is not None
    [decision] = data["results"]
    assert decision["basis"] == "screening"
    assert decision["trafficking_status"] == "PossibleVictimOfTrafficking"
    assert decision["decision_making_org"] == "NonPoliceGovernmentalOrganization"  # a school
    assert decision["path"] is None


def test_it_lists_no_status_for_a_case_without_decisions(case, caseworker):
    data = client_for(caseworker).get(url(case)).json()
    assert data == {
        "status": {
            "status": "none",
            "trafficking_status": None,
            "presumed_since": None,
            "identified_since": None,
            "path": None,
        },
        "results": [],
    }


def test_reading_the_decisions_is_audited(presumed_case, caseworker):
    client_for(caseworker).get(url(presumed_case))
    event = AuditEvent.objects.filter(action="case.read").latest("id")
    assert event.fields == ["identification.reasons"]


def test_an_accredited_caseworker_creates_an_identification(presumed_case, caseworker):
    response = client_for(caseworker).post(url(presumed_case), body(), format="json")
    assert response.status_code == 201
    data = response.json()
    assert data["trafficking_status"] == "ActualVictimOfTrafficking"
    assert data["decision_making_org"] == "NonPoliceGovernmentalOrganization"
    assert data["organisation"]["name"] == "Test Social Services"
    listed = client_for(caseworker).get(url(presumed_case)).json()
    assert listed["status"]["status"] == "identified"
    assert listed["status"]["identified_since"] is not None


def test_a_panel_decision_over_the_api_maps_to_other(presumed_case, caseworker, full_panel):
    response = client_for(caseworker).post(
        url(presumed_case), body(decided_by="panel", members=members(full_panel)), format="json"
    )
    assert response.status_code == 201
    data = response.json()
    assert data["decision_making_org"] == "Other"
    assert [m["sector"] for m in data["panel_members"]] == ["barnahus", "social_services", "police"]


def test_a_review_over_the_api(presumed_case, caseworker):
    first = client_for(caseworker).post(url(presumed_case), body(), format="json").json()
    response = client_for(caseworker).post(
        url(presumed_case),
        body(status="not_victim", reviews=first["id"], review_reason="Fictional appeal."),
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["trafficking_status"] == "NotAVictimOfTrafficking"
    listed = client_for(caseworker).get(url(presumed_case)).json()
    assert [d["status"] for d in listed["results"]] == ["presumed", "identified", "not_victim"]
    assert listed["status"]["presumed_since"] is None


def test_a_panel_without_members_is_400(presumed_case, caseworker):
    response = client_for(caseworker).post(
        url(presumed_case), body(decided_by="panel"), format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"members": ["A panel decision needs its members."]}
    assert Decision.objects.filter(case=presumed_case).count() == 1


def test_a_decision_by_an_unknown_organisation_is_400(presumed_case, caseworker, full_panel):
    unknown = {"organisation": "00000000-0000-4000-8000-000000000000", "name": "Nobody"}
    response = client_for(caseworker).post(
        url(presumed_case),
        body(decided_by="panel", members=[*members(full_panel), unknown]),
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"members": ["Member 4: no organisation has this id."]}
    assert Decision.objects.filter(case=presumed_case).count() == 1


def test_a_future_date_is_400(presumed_case, caseworker):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client_for(caseworker).post(
        url(presumed_case), body(decided_on=tomorrow), format="json"
    )
    assert response.status_code == 400
    assert "decided_on" in response.json()


@pytest.mark.parametrize(
    "bad",
    [{"status": "presumed"}, {"path": "nowhere"}, {"reasons": ""}, {"decided_by": "me"}],
)
def test_bad_fields_are_400(presumed_case, caseworker, bad):
    response = client_for(caseworker).post(url(presumed_case), body(**bad), format="json")
    assert response.status_code == 400
    assert set(bad) <= set(response.json())


def test_an_unaccredited_user_gets_403_with_the_reason(presumed_case, outsider, join):
    join(presumed_case, outsider)
    response = client_for(outsider).post(url(presumed_case), body(), format="json")
    assert response.status_code == 403
    assert "not accredited" in response.json()["detail"]


def test_a_read_only_member_gets_403(presumed_case, panel, join):
    join(presumed_case, panel, access=Access.VIEW)
    assert client_for(panel).get(url(presumed_case)).status_code == 200
    response = client_for(panel).post(url(presumed_case), body(), format="json")
    assert response.status_code == 403


@override_settings(CHILDPATH_PROFILE="ES")
def test_a_police_only_profile_refuses_social_services_with_403(presumed_case, caseworker):
    response = client_for(caseworker).post(
        url(presumed_case), body(path="criminal_justice"), format="json"
    )
    assert response.status_code == 403
    assert "Spain (illustrative)" in response.json()["detail"]


def test_no_access_is_404(presumed_case, outsider):
    assert client_for(outsider).get(url(presumed_case)).status_code == 404
    response = client_for(outsider).post(url(presumed_case), body(), format="json")
    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["analyst", "administrator"])
def test_roles_without_cases_get_403(presumed_case, request, persona):
    user = request.getfixturevalue(persona)
    assert client_for(user).get(url(presumed_case)).status_code == 403


def test_anonymous_is_401(presumed_case):
    assert APIClient().get(url(presumed_case)).status_code == 401


def test_the_schema_documents_the_endpoint(caseworker):
    schema = client_for(caseworker).get("/api/v1/schema/?format=json").json()
    operations = schema["paths"]["/api/v1/cases/{reference}/identifications"]
    assert set(operations) >= {"get", "post"}
    assert {"400", "401", "403", "404", "201"} <= set(operations["post"]["responses"])

"""/api/v1/cases/<reference>/age-assessments: the same access rules as the pages."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from childpath.age_assessment.models import AgeAssessment
from childpath.cases.models import Case
from conftest import issue_api_token


def _client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {issue_api_token(user)}")
    return client


def _url(case: Case) -> str:
    return f"/api/v1/cases/{case.reference}/age-assessments"


def _body(**overrides):
    body = {
        "method": "multidisciplinary",
        "minimum_age": 15,
        "maximum_age": 17,
        "assessed_on": timezone.localdate().isoformat(),
        "outcome": "child",
        "concluded": True,
        "notes": "Fictional reasoning.",
    }
    body.update(overrides)
    return body


@pytest.mark.parametrize("persona", ["frontline", "caseworker", "coordinator"])
def test_it_records_an_assessment_for_the_case_team(request, case, persona):
    response = _client(request.getfixturevalue(persona)).post(_url(case), _body(), format="json")
    assert response.status_code == 201
    assert response.json()["minimum_age"] == 15
    assert AgeAssessment.objects.filter(case=case).count() == 1


def test_it_lists_the_assessments_newest_first(case, assess, caseworker):
    assess(case, method="interview", concluded=False, outcome="undetermined")
    assess(case)
    response = _client(caseworker).get(_url(case))
    assert response.status_code == 200
    methods = [row["method"] for row in response.json()["results"]]
    assert methods == ["multidisciplinary", "interview"]


def test_it_names_who_assessed(case, assess, caseworker):
    assess(case)
    row = _client(caseworker).get(_url(case)).json()["results"][0]
    assert (row["assessed_by"], row["organisation"]) == ("bob", "Test Social Services")


def test_it_shows_the_list_to_a_viewer(case, viewer):
    assert _client(viewer).get(_url(case)).status_code == 200


def test_it_refuses_a_viewer_to_record(case, viewer):
    assert _client(viewer).post(_url(case), _body(), format="json").status_code == 403
    assert not AgeAssessment.objects.exists()


def test_it_refuses_a_viewer_before_checking_the_input(case, viewer):
    response = _client(viewer).post(_url(case), {"method": "nonsense"}, format="json")
    assert response.status_code == 403


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("persona", ["outsider", "provider", "panel"])
def test_it_answers_404_off_the_team(request, case, persona, method):
    client = _client(request.getfixturevalue(persona))
    response = getattr(client, method)(_url(case), _body(), format="json")
    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["analyst", "administrator"])
def test_it_refuses_the_roles_that_never_see_a_case(request, case, persona):
    assert _client(request.getfixturevalue(persona)).get(_url(case)).status_code == 403


def test_it_answers_401_without_credentials(case):
    assert _client().get(_url(case)).status_code == 401


def test_it_answers_404_for_an_unknown_case(caseworker):
    response = _client(caseworker).get("/api/v1/cases/CP-0000-0000/age-assessments")
    assert response.status_code == 404


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"minimum_age": 17, "maximum_age": 15}, "minimum_age"),
        ({"maximum_age": 31}, "maximum_age"),
        ({"minimum_age": -1}, "minimum_age"),
        ({"assessed_on": "2999-12-31"}, "assessed_on"),
        ({"outcome": "adult"}, "outcome"),
        ({"minimum_age": None, "maximum_age": None}, "minimum_age"),
        ({"method": "medical"}, "method"),
        ({"method": "horoscope"}, "method"),
        ({"assessed_on": "yesterday"}, "assessed_on"),
    ],
)
def test_it_answers_400_with_the_field_and_saves_nothing(case, caseworker, overrides, field):
    response = _client(caseworker).post(_url(case), _body(**overrides), format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not AgeAssessment.objects.exists()


def test_it_explains_a_minimum_above_the_maximum(case, caseworker):
    body = _body(minimum_age=17, maximum_age=15)
    response = _client(caseworker).post(_url(case), body, format="json")
    assert response.json()["minimum_age"] == ["The lowest age cannot be above the highest age."]


def test_it_refuses_tomorrow(case, caseworker):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = _client(caseworker).post(_url(case), _body(assessed_on=tomorrow), format="json")
    assert response.json()["assessed_on"] == ["The date cannot be in the future."]


def test_it_changes_the_age_in_the_case_detail(disputed_case, caseworker):
    _client(caseworker).post(_url(disputed_case), _body(), format="json")
    age = _client(caseworker).get(f"/api/v1/cases/{disputed_case.reference}").json()["age"]
    assert (age["years"], age["basis"], age["treated_as_child"]) == (15, "assessment", True)

"""Practice API: GET /api/v1/practice/situations, POST .../situations/<id>/attempts."""

import pytest
from rest_framework.test import APIClient

from childpath.accounts.models import User
from childpath.practice.models import Attempt

SITUATIONS = "/api/v1/practice/situations"
ATTEMPTS = "/api/v1/practice/situations/karim-at-the-station/attempts"
PROFESSIONALS = [
    "frontline",
    "caseworker",
    "coordinator",
    "outsider",
    "provider",
    "panel",
    "analyst",
]
OBSERVATIONS = {"clc_forced_criminality": "observed", "risk_unaccompanied_migrant": "observed"}
KARIM = {"observations": OBSERVATIONS, "age_at_exploitation": 16, "age_uncertain": True}


def _api(user: User | None = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.mark.parametrize("persona", PROFESSIONALS)
def test_it_lists_the_situations_to_every_professional(request, persona):
    data = _api(request.getfixturevalue(persona)).get(SITUATIONS).json()
    assert len(data["situations"]) >= 24


def test_it_refuses_the_administrator(administrator):
    assert _api(administrator).get(SITUATIONS).status_code == 403


def test_it_refuses_without_sign_in(db):
    assert _api().get(SITUATIONS).status_code in (401, 403)


def test_the_list_does_not_give_the_answers_away(frontline):
    item = _api(frontline).get(SITUATIONS).json()["situations"][0]
    assert "expected" not in item and "expected_result" not in item


def test_it_lists_in_the_language_asked_for(frontline):
    data = _api(frontline).get(SITUATIONS, {"lang": "es"}).json()
    titles = {s["id"]: s["title"] for s in data["situations"]}
    assert titles["karim-at-the-station"] == "Karim en la estación"


def test_it_evaluates_an_attempt_and_gives_feedback(frontline):
    response = _api(frontline).post(ATTEMPTS, KARIM, format="json")
    data = response.json()
    assert response.status_code == 201
    assert (data["result"], data["feedback"]["agrees"]) == ("presumed_victim", True)
    assert [m["id"] for m in data["feedback"]["missed"]] == ["clc_fears_authorities"]
    assert data["feedback"]["missed"][0]["explore"]


def test_it_names_over_read_signs(frontline):
    body = {**KARIM, "observations": {**OBSERVATIONS, "cse_sold_for_sex": "suspected"}}
    data = _api(frontline).post(ATTEMPTS, body, format="json").json()
    assert [o["id"] for o in data["feedback"]["over_read"]] == ["cse_sold_for_sex"]


def test_it_counts_the_attempt_in_the_users_progress(frontline):
    _api(frontline).post(ATTEMPTS, KARIM, format="json")
    data = _api(frontline).get(SITUATIONS).json()
    assert data["progress"] == {"situations_done": 1, "attempts": 1, "agreeing": 1}
    karim = next(s for s in data["situations"] if s["id"] == "karim-at-the-station")
    assert (karim["done"], karim["latest_agrees"]) == (True, True)


def test_it_refuses_an_unknown_indicator(frontline):
    body = {**KARIM, "observations": {"cse_no_such": "observed"}}
    assert _api(frontline).post(ATTEMPTS, body, format="json").status_code == 400
    assert Attempt.objects.count() == 0


def test_it_answers_404_for_an_unknown_situation(frontline):
    url = "/api/v1/practice/situations/no-such-story/attempts"
    assert _api(frontline).post(url, KARIM, format="json").status_code == 404


def test_it_refuses_an_attempt_by_the_administrator(administrator):
    assert _api(administrator).post(ATTEMPTS, KARIM, format="json").status_code == 403


def test_the_list_does_not_say_which_situations_are_not_trafficking(frontline):
    items = _api(frontline).get(SITUATIONS).json()["situations"]
    assert not any("not_trafficking" in s["tags"] for s in items)

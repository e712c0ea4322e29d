"""The screening API: catalogue, stateless evaluation, a case's screenings. Fictional data."""

import json

import pytest
from rest_framework.test import APIClient

from childpath.accounts.models import Role, User
from childpath.audit.models import AuditEvent
from childpath.screening.catalogue import current_catalogue
from childpath.screening.models import Screening
from childpath.screening.tests.helpers import AT_RISK, PRESUMED, screen
from conftest import issue_api_token

EVALUATE = "/api/v1/indicators/evaluate"
CATALOGUE = "/api/v1/indicators/catalogue"
MAY = ["frontline", "caseworker", "coordinator"]
NOT_ON_TEAM = ["outsider", "provider", "panel"]
NO_CASES = ["analyst", "administrator"]
EVERYONE = [*MAY, *NOT_ON_TEAM, *NO_CASES]
VALID = {"observations": PRESUMED, "age_at_exploitation": 15, "age_uncertain": False}


def _client(user: User | None = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _screenings(case) -> str:
    return f"/api/v1/cases/{case.reference}/screenings"


@pytest.fixture
def system(orgs) -> User:
    """A statistics system that calls the API with a token, not a browser session."""
    return User.objects.create_user(
        username="stats-system", organisation=orgs["rapporteur"], role=Role.ANALYST
    )


# --------------------------------------------------------------------------- catalogue


def test_it_gives_the_catalogue_in_english_by_default(caseworker):
    data = _client(caseworker).get(CATALOGUE).json()
    assert data["language"] == "en"
    assert data["version"] == current_catalogue().version
    first = current_catalogue().indicators[0]
    assert data["indicators"][0]["text"] == first.text_for("en")


def test_it_gives_every_indicator_of_the_catalogue(caseworker):
    data = _client(caseworker).get(CATALOGUE).json()
    assert [i["id"] for i in data["indicators"]] == [i.id for i in current_catalogue().indicators]


def test_it_gives_the_catalogue_in_swedish_when_asked_by_parameter(caseworker):
    data = _client(caseworker).get(CATALOGUE, {"lang": "sv"}).json()
    assert data["language"] == "sv"
    assert all(i["text"] and i["explore"] for i in data["indicators"])
    assert all(t["title"] for t in data["themes"])


def test_it_gives_the_catalogue_in_swedish_by_accept_language(caseworker):
    response = _client(caseworker).get(CATALOGUE, HTTP_ACCEPT_LANGUAGE="sv")
    data = response.json()
    assert data["language"] == "sv"
    assert all(i["text"] for i in data["indicators"])


def test_it_falls_back_to_english_where_a_translation_is_missing(caseworker):
    data = _client(caseworker).get(CATALOGUE, {"lang": "sv"}).json()
    by_id = {i.id: i for i in current_catalogue().indicators}
    for item in data["indicators"]:
        texts = by_id[item["id"]].text
        assert item["text"] == (texts.get("sv") or texts["en"])


def test_it_prefers_the_parameter_over_accept_language(caseworker):
    response = _client(caseworker).get(CATALOGUE, {"lang": "sv"}, HTTP_ACCEPT_LANGUAGE="es")
    assert response.json()["language"] == "sv"


def test_it_maps_a_regional_variant_to_the_offered_language(caseworker):
    assert _client(caseworker).get(CATALOGUE, {"lang": "sv-SE"}).json()["language"] == "sv"


@pytest.mark.parametrize("lang", ["xx", "de"])
def test_it_answers_in_english_for_a_language_not_offered(caseworker, lang):
    assert _client(caseworker).get(CATALOGUE, {"lang": lang}).json()["language"] == "en"


def test_it_gives_the_catalogue_to_an_analyst(analyst):
    assert _client(analyst).get(CATALOGUE).status_code == 200


def test_it_refuses_the_catalogue_to_anonymous_callers(db):
    assert _client().get(CATALOGUE).status_code in (401, 403)


# --------------------------------------------------------------------------- evaluate


@pytest.mark.parametrize("persona", EVERYONE)
def test_it_evaluates_for_any_authenticated_user(request, persona):
    user = request.getfixturevalue(persona)
    response = _client(user).post(EVALUATE, VALID, format="json")
    assert response.status_code == 200
    assert response.json()["result"] == "presumed_victim"


def test_it_evaluates_for_a_system_with_a_token(system):
    token = issue_api_token(system)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = client.post(EVALUATE, VALID, format="json")
    assert response.status_code == 200
    assert response.json()["result"] == "presumed_victim"


def test_it_refuses_a_wrong_token(system):
    issue_api_token(system)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.post(EVALUATE, VALID, format="json").status_code in (401, 403)


def test_it_refuses_to_evaluate_for_anonymous_callers(db):
    assert _client().post(EVALUATE, VALID, format="json").status_code in (401, 403)


def test_it_answers_in_the_shape_of_issue_3(caseworker):
    data = _client(caseworker).post(EVALUATE, VALID, format="json").json()
    assert {"result", "rule", "catalogue_version", "dimensions", "reasons"} <= set(data)
    assert {"rule_basis", "missing", "missing_elements", "unknown", "extensions"} <= set(data)
    assert data["rule"] == "child"
    assert data["catalogue_version"] == current_catalogue().version
    assert data["reasons"][0] == {
        "code": "rule_applied",
        "basis": "age_under_18",
        "age_at_exploitation": 15,
    }
    assert data["dimensions"]["exploitative_conditions"]["positive"] is True


def test_it_keeps_unknown_apart_from_absent(caseworker):
    body = {**VALID, "observations": {"cse_cannot_refuse": "unknown"}}
    data = _client(caseworker).post(EVALUATE, body, format="json").json()
    assert data["unknown"] == ["cse_cannot_refuse"]
    assert data["result"] == "no_indication"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"observations": {"no_such_indicator": "observed"}}, "observations"),
        ({"observations": {"cse_sold_for_sex": "maybe"}}, "observations"),
        ({"age_at_exploitation": -1}, "age_at_exploitation"),
        ({"age_at_exploitation": 121}, "age_at_exploitation"),
        ({"age_at_exploitation": "fifteen"}, "age_at_exploitation"),
        ({"observations": ["cse_sold_for_sex"]}, "observations"),
        ({"observations": "cse_sold_for_sex"}, "observations"),
        ({"age_uncertain": None}, "age_uncertain"),
    ],
    ids=[
        "unknown-indicator",
        "unknown-status",
        "age-minus-1",
        "age-121",
        "age-not-a-number",
        "observations-a-list",
        "observations-a-string",
        "age-uncertain-null",
    ],
)
def test_it_rejects_bad_evaluate_input_with_400(caseworker, change, field):
    response = _client(caseworker).post(EVALUATE, {**VALID, **change}, format="json")
    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize("missing", ["age_uncertain", "observations"])
def test_it_rejects_evaluate_input_without_a_required_field(caseworker, missing):
    body = {k: v for k, v in VALID.items() if k != missing}
    response = _client(caseworker).post(EVALUATE, body, format="json")
    assert response.status_code == 400
    assert missing in response.json()


def test_it_names_the_unknown_indicator(caseworker):
    body = {**VALID, "observations": {"no_such_indicator": "observed"}}
    response = _client(caseworker).post(EVALUATE, body, format="json")
    assert "no_such_indicator" in json.dumps(response.json())


def test_it_rejects_a_malformed_json_body_with_400(caseworker):
    response = _client(caseworker).post(
        EVALUATE, '{"observations": {', content_type="application/json"
    )
    assert response.status_code == 400


def test_it_rejects_a_body_that_is_not_an_object(caseworker):
    response = _client(caseworker).post(EVALUATE, "[1, 2]", content_type="application/json")
    assert response.status_code == 400


def test_it_stores_nothing_when_evaluating(case, caseworker):
    screenings, events = Screening.objects.count(), AuditEvent.objects.count()
    _client(caseworker).post(EVALUATE, VALID, format="json")
    assert Screening.objects.count() == screenings
    assert AuditEvent.objects.count() == events


def test_it_evaluates_only_on_post(caseworker):
    assert _client(caseworker).get(EVALUATE).status_code == 405


# --------------------------------------------------------------------------- case screenings


@pytest.mark.parametrize("persona", MAY)
def test_it_lists_the_screenings_of_a_case_to_the_case_team(request, case, caseworker, persona):
    screen(caseworker, case, AT_RISK)
    response = _client(request.getfixturevalue(persona)).get(_screenings(case))
    assert response.status_code == 200
    assert [s["result"] for s in response.json()] == ["at_risk"]


@pytest.mark.parametrize("persona", NOT_ON_TEAM)
def test_it_hides_the_screenings_of_a_case_from_others(request, case, caseworker, persona):
    screen(caseworker, case, AT_RISK)
    response = _client(request.getfixturevalue(persona)).get(_screenings(case))
    assert response.status_code == 404


@pytest.mark.parametrize("persona", NO_CASES)
def test_it_forbids_the_screenings_of_a_case_to_roles_without_cases(request, case, persona):
    response = _client(request.getfixturevalue(persona)).get(_screenings(case))
    assert response.status_code == 403


def test_it_refuses_the_screenings_of_a_case_to_anonymous_callers(case):
    assert _client().get(_screenings(case)).status_code in (401, 403)


def test_it_gives_404_for_the_screenings_of_an_unknown_case(caseworker):
    assert _client(caseworker).get("/api/v1/cases/CP-NONE-NONE/screenings").status_code == 404


@pytest.mark.parametrize("persona", MAY)
def test_it_lets_the_case_team_screen_a_case(request, case, persona):
    user = request.getfixturevalue(persona)
    body = {**VALID, "notes": {"cse_sold_for_sex": "Fictional note."}}
    response = _client(user).post(_screenings(case), body, format="json")
    assert response.status_code == 201
    screening = Screening.objects.get(case=case)
    assert screening.started_by == user
    assert screening.result == "presumed_victim"
    assert screening.note_for("cse_sold_for_sex") == "Fictional note."


def test_it_answers_a_created_screening_in_the_shape_of_issue_3(case, caseworker):
    data = _client(caseworker).post(_screenings(case), VALID, format="json").json()
    assert data["case"] == case.reference
    assert data["result"] == "presumed_victim"
    assert data["rule"] == "child"
    assert data["catalogue_version"] == current_catalogue().version
    assert data["completed_at"]
    evaluation = data["evaluation"]
    assert {"result", "rule", "catalogue_version", "dimensions", "reasons"} <= set(evaluation)


def test_it_audits_a_screening_created_through_the_api(case, caseworker):
    _client(caseworker).post(_screenings(case), VALID, format="json")
    actions = list(
        AuditEvent.objects.filter(case_reference=case.reference, action__startswith="screening.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    # A presumed-victim result is also recorded by the identification app, after these.
    assert actions[-3:] == ["screening.create", "screening.update", "screening.complete"]


@pytest.mark.parametrize("persona", NOT_ON_TEAM)
def test_it_hides_the_case_from_others_when_screening(request, case, persona):
    response = _client(request.getfixturevalue(persona)).post(
        _screenings(case), VALID, format="json"
    )
    assert response.status_code == 404
    assert not Screening.objects.exists()


@pytest.mark.parametrize("persona", NO_CASES)
def test_it_forbids_screening_to_roles_without_cases(request, case, persona):
    response = _client(request.getfixturevalue(persona)).post(
        _screenings(case), VALID, format="json"
    )
    assert response.status_code == 403
    assert not Screening.objects.exists()


def test_it_refuses_screening_to_anonymous_callers(case):
    assert _client().post(_screenings(case), VALID, format="json").status_code in (401, 403)
    assert not Screening.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"observations": {"no_such_indicator": "observed"}},
        {"observations": {"cse_sold_for_sex": "maybe"}},
        {"age_at_exploitation": 121},
        {"age_at_exploitation": -1},
        {"notes": {"cse_sold_for_sex": "x" * 2001}},
        {"notes": {"no_such_indicator": "Fictional."}},
        {"observations": ["cse_sold_for_sex"]},
    ],
    ids=[
        "unknown-indicator",
        "unknown-status",
        "age-121",
        "age-minus-1",
        "note-over-2000",
        "note-unknown-indicator",
        "observations-a-list",
    ],
)
def test_it_stores_nothing_when_screening_input_is_bad(case, caseworker, change):
    screenings, events = Screening.objects.count(), AuditEvent.objects.count()
    response = _client(caseworker).post(_screenings(case), {**VALID, **change}, format="json")
    assert response.status_code == 400
    assert Screening.objects.count() == screenings
    assert AuditEvent.objects.count() == events
    case.refresh_from_db()
    assert case.stage == "concern"


def test_it_stores_nothing_for_a_malformed_screening_body(case, caseworker):
    screenings, events = Screening.objects.count(), AuditEvent.objects.count()
    response = _client(caseworker).post(
        _screenings(case), '{"observations": ', content_type="application/json"
    )
    assert response.status_code == 400
    assert (Screening.objects.count(), AuditEvent.objects.count()) == (screenings, events)


@pytest.mark.parametrize("persona", MAY)
def test_it_reads_one_screening_to_the_case_team(request, case, caseworker, persona):
    screening = screen(caseworker, case, PRESUMED)
    response = _client(request.getfixturevalue(persona)).get(f"{_screenings(case)}/{screening.pk}")
    assert response.status_code == 200
    assert response.json()["id"] == screening.pk
    assert response.json()["result"] == "presumed_victim"


@pytest.mark.parametrize("persona", NOT_ON_TEAM)
def test_it_hides_one_screening_from_others(request, case, caseworker, persona):
    screening = screen(caseworker, case, PRESUMED)
    response = _client(request.getfixturevalue(persona)).get(f"{_screenings(case)}/{screening.pk}")
    assert response.status_code == 404


@pytest.mark.parametrize("persona", NO_CASES)
def test_it_forbids_one_screening_to_roles_without_cases(request, case, caseworker, persona):
    screening = screen(caseworker, case, PRESUMED)
    response = _client(request.getfixturevalue(persona)).get(f"{_screenings(case)}/{screening.pk}")
    assert response.status_code == 403


def test_it_refuses_one_screening_to_anonymous_callers(case, caseworker):
    screening = screen(caseworker, case, PRESUMED)
    assert _client().get(f"{_screenings(case)}/{screening.pk}").status_code in (401, 403)


def test_it_hides_a_screening_behind_the_wrong_case(make_case, case, caseworker):
    screening = screen(caseworker, case, PRESUMED)
    other = make_case()
    response = _client(caseworker).get(f"{_screenings(other)}/{screening.pk}")
    assert response.status_code == 404


def test_it_reads_an_unfinished_screening_without_a_result(open_screening, caseworker):
    response = _client(caseworker).get(f"{_screenings(open_screening.case)}/{open_screening.pk}")
    assert response.status_code == 200
    assert response.json()["result"] == ""
    assert response.json()["evaluation"] is None

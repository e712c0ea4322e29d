import pytest

from childpath.audit.models import AuditEvent
from childpath.matching.models import DuplicateFlag, MatchQuery

pytestmark = pytest.mark.django_db(transaction=True)


def _twins(make_case):
    mine = make_case(given_names="Ioana", family_name="Popescu", sex="female")
    theirs = make_case(
        given_names="Ioana", family_name="Popescu", sex="female", lead="other_social"
    )
    return mine, theirs


def test_it_lists_duplicates_without_the_other_teams_case(login, make_case, caseworker, outsider):
    mine, theirs = _twins(make_case)
    answer = login(caseworker).get("/api/v1/matching/duplicates").json()["results"]
    assert [(d["case"], d["other_case"]) for d in answer] == [(mine.reference, "")]
    assert answer[0]["other_organisation"] == "Other Social Services"
    assert "Ioana" not in str(answer) and "Popescu" not in str(answer)
    other = login(outsider).get("/api/v1/matching/duplicates").json()["results"]
    assert [(d["case"], d["other_case"]) for d in other] == [(theirs.reference, "")]
    assert AuditEvent.objects.filter(action="matching.duplicates.viewed").count() == 2


def test_it_decides_a_duplicate_and_refuses_a_bad_decision(login, make_case, caseworker):
    _twins(make_case)
    flag = DuplicateFlag.objects.get()
    client = login(caseworker)
    bad = client.post(f"/api/v1/matching/duplicates/{flag.pk}/decision", {"same": "perhaps"})
    assert bad.status_code == 400 and "same" in bad.json()
    flag.refresh_from_db()
    assert flag.status == "open"
    good = client.post(
        f"/api/v1/matching/duplicates/{flag.pk}/decision",
        {"same": False},
        content_type="application/json",
    )
    assert good.status_code == 200 and good.json()["status"] == "dismissed"


def test_it_hides_a_duplicate_of_cases_the_caller_cannot_see(login, make_case, focal):
    _twins(make_case)
    flag = DuplicateFlag.objects.get()
    response = login(focal).post(
        f"/api/v1/matching/duplicates/{flag.pk}/decision",
        {"same": True},
        content_type="application/json",
    )
    assert response.status_code == 404
    flag.refresh_from_db()
    assert flag.status == "open"


def test_it_lets_a_focal_point_ask_and_read_the_queries(login, make_case, focal, on_team, peer_key):
    case = on_team(make_case())
    client = login(focal)
    url = f"/api/v1/matching/cases/{case.reference}/queries"
    unknown = client.post(url, {"peer": "nowhere"}, content_type="application/json")
    assert unknown.status_code == 400 and "peer" in unknown.json()
    assert not MatchQuery.objects.exists()
    asked = client.post(url, {"peer": "rs-test"}, content_type="application/json")
    assert asked.status_code == 201 and asked.json()["status"] == "waiting"
    listed = client.get(url).json()["results"]
    assert [q["peer"] for q in listed] == ["rs-test"]
    assert AuditEvent.objects.filter(
        action="matching.queries.viewed", case_reference=case.reference
    ).exists()


def test_it_refuses_the_queries_to_a_caseworker(login, make_case, caseworker, peer_key):
    case = make_case()
    url = f"/api/v1/matching/cases/{case.reference}/queries"
    response = login(caseworker).post(url, {"peer": "rs-test"}, content_type="application/json")
    assert response.status_code == 403
    assert not MatchQuery.objects.exists()


def test_it_documents_the_routes_in_openapi(caseworker):
    from conftest import verified_client

    schema = (
        verified_client(caseworker).get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    )
    for route in (
        "/api/v1/matching/duplicates",
        "/api/v1/matching/duplicates/{id}/decision",
        "/api/v1/matching/cases/{reference}/queries",
    ):
        assert route in schema["paths"]


def test_it_shows_the_coordinators_of_both_teams_a_card(
    login, make_case, caseworker, outsider, focal
):
    _twins(make_case)
    for user in (caseworker, outsider):
        page = login(user).get("/").content.decode()
        assert "Check the possible duplicates of your cases" in page
    # Nobody outside the two teams is told.
    card = "Check the possible duplicates of your cases"
    assert card not in login(focal).get("/").content.decode()

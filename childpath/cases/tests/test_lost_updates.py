"""No lost updates (finding 5): case edits carry a version; a change made meanwhile is shown,
never overwritten unseen."""

import json

from childpath.cases.models import Identity
from childpath.cases.tests.test_views import _child_post

URL = "/api/v1/cases/{}"


def _patch(client, case, body, etag=None):
    headers = {"HTTP_IF_MATCH": etag} if etag else {}
    return client.patch(
        URL.format(case.reference), json.dumps(body), content_type="application/json", **headers
    )


def test_it_gives_the_case_an_etag(case, caseworker, login):
    assert login(caseworker).get(URL.format(case.reference))["ETag"] == '"v1"'


def test_it_requires_if_match_on_a_patch(case, caseworker, login):
    response = _patch(login(caseworker), case, {"given_names": "Testina"})
    assert response.status_code == 428
    assert Identity.objects.get(case=case).given_names == "Testa"


def test_it_refuses_a_patch_on_a_stale_version(case, caseworker, coordinator, login):
    # Two users read the case, then both PATCH different fields: the second must not win.
    first, second = login(caseworker), login(coordinator)
    etag = first.get(URL.format(case.reference))["ETag"]
    assert second.get(URL.format(case.reference))["ETag"] == etag
    assert _patch(first, case, {"given_names": "Testina"}, etag).status_code == 200
    response = _patch(second, case, {"citizenship": "NO"}, etag)
    assert response.status_code == 412
    assert response.json()["changed"] == ["given_names"]
    assert response["ETag"] == '"v2"'
    case.refresh_from_db()
    assert (case.citizenship, Identity.objects.get(case=case).given_names) == ("SE", "Testina")


def test_it_accepts_a_patch_with_the_new_version(case, caseworker, login):
    client = login(caseworker)
    etag = _patch(client, case, {"given_names": "Testina"}, '"v1"')["ETag"]
    assert _patch(client, case, {"citizenship": "NO"}, etag).status_code == 200


def test_it_shows_an_editor_what_changed_meanwhile_and_keeps_their_input(
    case, caseworker, coordinator, login
):
    other = login(coordinator)
    assert _patch(other, case, {"given_names": "Testina"}, '"v1"').status_code == 200
    # Caseworker opened the form at version 1 and now saves another change.
    response = login(caseworker).post(
        f"/cases/{case.reference}/edit/",
        _child_post(given_names="Testa", citizenship="NO", date_of_birth="2010-04-01"),
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this case meanwhile." in html
    assert "given names: Testina" in html
    assert 'value="NO"' in html or '<option value="NO" selected' in html
    assert 'name="child-version" value="2"' in html
    case.refresh_from_db()
    assert case.citizenship == "SE"


def test_it_saves_when_the_editor_saves_again_knowingly(case, caseworker, coordinator, login):
    _patch(login(coordinator), case, {"given_names": "Testina"}, '"v1"')
    data = _child_post(given_names="Testa", citizenship="NO", date_of_birth="2010-04-01")
    data["child-version"] = "2"
    response = login(caseworker).post(f"/cases/{case.reference}/edit/", data)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.citizenship == "NO"


def test_it_keeps_both_peoples_answers_in_one_screening(case, caseworker, coordinator):
    from childpath.screening import services
    from childpath.screening.models import Screening

    started = services.start_screening(actor=caseworker, case=case)
    mine = Screening.objects.get(pk=started.pk)
    theirs = Screening.objects.get(pk=started.pk)
    services.save_answers(
        actor=caseworker, screening=mine, observations={"cse_sold_for_sex": "reported"}
    )
    services.save_answers(
        actor=coordinator, screening=theirs, observations={"cse_cannot_refuse": "suspected"}
    )
    stored = Screening.objects.get(pk=started.pk).observations
    assert stored == {"cse_sold_for_sex": "reported", "cse_cannot_refuse": "suspected"}

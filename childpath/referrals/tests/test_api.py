"""Referrals over /api/v1/: the same rules as the pages, with 400/403/404."""

import json

import pytest
from django.test import Client

from childpath.cases import services as case_services
from childpath.referrals import services
from childpath.referrals.models import Referral


def _post(client: Client, url: str, body: object):
    return client.post(url, json.dumps(body), content_type="application/json")


def _body(place, **overrides):
    values = {
        "service_at_location": str(place.pk),
        "need": "safe_accommodation",
        "reason": "Needs a safe place tonight. (Fictional.)",
        "urgency": "urgent",
        "shared_items": ["needs", "languages"],
        "note": "Fictional note.",
    }
    values.update(overrides)
    return values


# A case's referrals


def test_it_creates_a_referral(presumed, shelter_place, caseworker, login):
    response = _post(
        login(caseworker), f"/api/v1/cases/{presumed.reference}/referrals", _body(shelter_place)
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["case"], body["service"]) == (
        "sent",
        presumed.reference,
        "Test Shelter Beds",
    )
    assert body["shared"]["languages"] == ["sv"]
    assert body["overdue"] is None


def test_it_lists_a_cases_referrals(referral, presumed, caseworker, login):
    response = login(caseworker).get(f"/api/v1/cases/{presumed.reference}/referrals")
    assert [row["id"] for row in response.json()] == [str(referral.pk)]


def test_it_answers_400_for_an_unknown_service(presumed, caseworker, login):
    body = {**_body(presumed), "service_at_location": "00000000-0000-0000-0000-000000000000"}
    response = _post(login(caseworker), f"/api/v1/cases/{presumed.reference}/referrals", body)
    assert response.status_code == 400
    assert "service_at_location" in response.json()


def test_it_answers_400_for_a_service_that_receives_no_referrals(
    presumed, unlinked_place, caseworker, login
):
    response = _post(
        login(caseworker), f"/api/v1/cases/{presumed.reference}/referrals", _body(unlinked_place)
    )
    assert response.status_code == 400
    assert not Referral.objects.exists()


def test_it_answers_400_for_an_unknown_shared_item(presumed, shelter_place, caseworker, login):
    body = _body(shelter_place, shared_items=["passport"])
    response = _post(login(caseworker), f"/api/v1/cases/{presumed.reference}/referrals", body)
    assert response.status_code == 400
    assert "shared_items" in response.json()


def test_it_answers_403_to_a_read_only_team_member(
    presumed, shelter_place, caseworker, provider, orgs, login
):
    case_services.add_team_member(
        actor=caseworker, case=presumed, organisation=orgs["shelter"], user=provider, access="view"
    )
    response = _post(
        login(provider), f"/api/v1/cases/{presumed.reference}/referrals", _body(shelter_place)
    )
    assert response.status_code == 403


def test_it_answers_404_outside_the_team(presumed, shelter_place, outsider, login):
    response = login(outsider).get(f"/api/v1/cases/{presumed.reference}/referrals")
    assert response.status_code == 404


def test_it_answers_403_to_an_analyst(presumed, analyst, login):
    assert login(analyst).get(f"/api/v1/cases/{presumed.reference}/referrals").status_code == 403


def test_it_answers_401_without_credentials(presumed, client):
    assert client.get(f"/api/v1/cases/{presumed.reference}/referrals").status_code == 401


# Status changes


def test_it_lets_the_receiver_accept(referral, provider, login):
    response = _post(
        login(provider), f"/api/v1/referrals/{referral.pk}/status", {"status": "accepted"}
    )
    assert response.status_code == 200
    assert response.json()["status"] == "accepted"
    assert response.json()["case"] == referral.case.reference


def test_it_answers_400_to_a_decline_without_a_reason(referral, provider, login):
    response = _post(
        login(provider), f"/api/v1/referrals/{referral.pk}/status", {"status": "declined"}
    )
    assert response.status_code == 400
    assert "reason" in response.json()


def test_it_answers_400_to_a_change_not_allowed(referral, provider, login):
    response = _post(login(provider), f"/api/v1/referrals/{referral.pk}/status", {"status": "sent"})
    assert response.status_code == 400


def test_it_answers_403_to_the_sender_accepting(referral, caseworker, login):
    response = _post(
        login(caseworker), f"/api/v1/referrals/{referral.pk}/status", {"status": "accepted"}
    )
    assert response.status_code == 403


def test_it_lets_the_sender_withdraw(referral, caseworker, login):
    response = _post(
        login(caseworker), f"/api/v1/referrals/{referral.pk}/status", {"status": "withdrawn"}
    )
    assert response.json()["status"] == "withdrawn"


def test_it_answers_404_to_someone_on_neither_side(referral, outsider, login):
    response = _post(
        login(outsider), f"/api/v1/referrals/{referral.pk}/status", {"status": "withdrawn"}
    )
    assert response.status_code == 404
    assert login(outsider).get(f"/api/v1/referrals/{referral.pk}").status_code == 404


# What the receiver sees


def test_it_shows_the_receiver_only_what_is_shared(referral, provider, login):
    body = login(provider).get(f"/api/v1/referrals/{referral.pk}").json()
    assert (body["case"], body["reason"]) == (None, None)
    assert set(body["shared"]) == {"needs", "age", "languages"}
    assert "Testa" not in json.dumps(body)


def test_it_shows_the_receiver_nothing_after_declining(referral, provider, login):
    services.change_status(actor=provider, referral=referral, status="declined", reason="Full.")
    body = login(provider).get(f"/api/v1/referrals/{referral.pk}").json()
    assert (body["case"], body["shared"], body["note"], body["reason"]) == (None, None, None, None)


def test_it_lists_the_services_inbox(referral, provider, login):
    body = login(provider).get("/api/v1/referrals/incoming").json()
    assert [row["id"] for row in body["results"]] == [str(referral.pk)]
    assert body["results"][0]["case"] is None


def test_it_lists_an_empty_inbox_for_another_organisation(referral, outsider, login):
    assert login(outsider).get("/api/v1/referrals/incoming").json()["results"] == []


# Pathways


def test_it_lists_children_without_a_pathway(presumed, coordinator, login):
    body = login(coordinator).get("/api/v1/pathways").json()
    assert [row["reference"] for row in body["results"]] == [presumed.reference]
    assert [reason["code"] for reason in body["results"][0]["reasons"]] == ["no_referral"]


def test_it_empties_the_pathway_list_once_accepted(referral, provider, coordinator, login):
    services.change_status(actor=provider, referral=referral, status="accepted")
    assert login(coordinator).get("/api/v1/pathways").json()["results"] == []


@pytest.mark.parametrize("path", ["/api/v1/pathways", "/api/v1/referrals/incoming"])
def test_it_answers_403_to_an_administrator(path, administrator, login):
    assert login(administrator).get(path).status_code == 403


def test_it_answers_404_for_an_unknown_referral(caseworker, login):
    response = login(caseworker).get("/api/v1/referrals/00000000-0000-0000-0000-000000000000")
    assert response.status_code == 404

"""Persona tests of /api/v1/federation/... and the rules they share with the pages."""

import uuid

import pytest

from childpath.exchange import keys, services
from childpath.exchange.models import CrossBorderReferral, Peer
from childpath.exchange.tests.conftest import request_payload
from childpath.exchange.tests.test_inbox import post


@pytest.fixture
def incoming(peer, sim):
    conversation = str(uuid.uuid4())
    post(sim.seal("referral.request", request_payload(), conversation=conversation))
    return CrossBorderReferral.objects.get(conversation_id=conversation)


def test_it_gives_the_card_to_the_administrator(login, administrator, ring):
    body = login(administrator).get("/api/v1/federation/card").json()
    assert body["card"]["instance"] == "childpath-se-test"
    assert body["fingerprint"] == keys.fingerprint(body["card"])


def test_it_refuses_the_card_to_a_caseworker(login, caseworker, ring):
    assert login(caseworker).get("/api/v1/federation/card").status_code == 403


def test_it_lists_and_imports_peers_for_the_administrator(login, administrator, sim):
    client = login(administrator)
    created = client.post(
        "/api/v1/federation/peers", {"card": sim.card}, content_type="application/json"
    )
    assert created.status_code == 201
    assert created.json()["status"] == "pending"
    assert [p["instance_id"] for p in client.get("/api/v1/federation/peers").json()] == [
        "childpath-rs-test"
    ]


def test_it_confirms_a_peer_by_its_fingerprint(login, administrator, sim):
    client = login(administrator)
    peer_id = client.post(
        "/api/v1/federation/peers", {"card": sim.card}, content_type="application/json"
    ).json()["id"]
    response = client.post(
        f"/api/v1/federation/peers/{peer_id}/confirm",
        {"fingerprint": keys.fingerprint(sim.card)},
        content_type="application/json",
    )
    assert response.json()["status"] == "active"


def test_it_refuses_peers_to_a_focal_point(login, focal, ring):
    assert login(focal).get("/api/v1/federation/peers").status_code == 403


def test_it_removes_a_peer(login, administrator, peer):
    assert login(administrator).delete(f"/api/v1/federation/peers/{peer.pk}").status_code == 204
    assert Peer.objects.get().status == "removed"


def test_it_takes_a_caseworkers_request(login, caseworker, case, ring):
    response = login(caseworker).post(
        "/api/v1/federation/referrals",
        {
            "case_reference": case.reference,
            "country": "RS",
            "reason": "Fictional.",
            "urgency": "urgent",
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["status"] == "requested"


def test_it_refuses_a_request_without_a_reason(login, caseworker, case, ring):
    response = login(caseworker).post(
        "/api/v1/federation/referrals",
        {"case_reference": case.reference, "country": "RS", "reason": "", "urgency": "urgent"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "reason" in response.json()


def test_it_refuses_identity_before_acceptance(login, caseworker, case, ring):
    response = login(caseworker).post(
        "/api/v1/federation/referrals",
        {
            "case_reference": case.reference,
            "country": "RS",
            "reason": "Fictional.",
            "urgency": "urgent",
            "identity": {"given_names": "Testa"},
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "identity" in response.json()


def test_it_answers_404_for_a_case_off_the_team(login, outsider, case, ring):
    response = login(outsider).post(
        "/api/v1/federation/referrals",
        {
            "case_reference": case.reference,
            "country": "RS",
            "reason": "Fictional.",
            "urgency": "urgent",
        },
        content_type="application/json",
    )
    assert response.status_code == 404


def test_it_lists_referrals_for_the_focal_point_only(login, focal, caseworker, incoming):
    assert [
        r["remote_reference"] for r in login(focal).get("/api/v1/federation/referrals").json()
    ] == ["CP-TEST-RS01"]
    assert login(caseworker).get("/api/v1/federation/referrals").status_code == 403


def test_it_refuses_an_unknown_peer_when_sending(login, focal, caseworker, case, ring):
    referral = services.request_referral(
        actor=caseworker, case=case, data=services.RequestData("RS", "Fictional.", "urgent")
    )
    response = login(focal).post(
        f"/api/v1/federation/referrals/{referral.pk}/send",
        {"peer": "childpath-xx-none"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "peer" in response.json()


def test_it_accepts_and_declines_through_the_api(login, focal, incoming, orgs):
    client = login(focal)
    acknowledged = client.post(f"/api/v1/federation/referrals/{incoming.pk}/acknowledge")
    assert acknowledged.json()["status"] == "acknowledged"
    accepted = client.post(
        f"/api/v1/federation/referrals/{incoming.pk}/accept",
        {"lead_organisation": str(orgs["social"].pk)},
        content_type="application/json",
    )
    assert accepted.json()["status"] == "accepted"
    assert accepted.json()["case_reference"]
    declined = client.post(
        f"/api/v1/federation/referrals/{incoming.pk}/decline",
        {"reason": "Late."},
        content_type="application/json",
    )
    assert declined.status_code == 400


def test_it_asks_and_lists_information_requests(login, focal, incoming):
    client = login(focal)
    url = f"/api/v1/federation/referrals/{incoming.pk}/information-requests"
    created = client.post(
        url, {"topic": "guardian", "question": "Fictional?"}, content_type="application/json"
    )
    assert created.status_code == 201
    assert [q["topic"] for q in client.get(url).json()] == ["guardian"]


def test_it_lists_messages_with_their_delivery_state(login, focal, incoming):
    client = login(focal)
    client.post(f"/api/v1/federation/referrals/{incoming.pk}/acknowledge")
    rows = client.get(f"/api/v1/federation/messages?referral={incoming.pk}").json()["results"]
    assert [(r["type"], r["state"]) for r in rows] == [("referral.acknowledge", "pending")]


def test_it_lists_received_messages(login, focal, incoming):
    rows = login(focal).get("/api/v1/federation/received").json()["results"]
    assert [(r["type"], r["outcome"]) for r in rows] == [("referral.request", "applied")]


@pytest.mark.parametrize("persona", ["caseworker", "analyst", "administrator", "provider"])
def test_it_refuses_referral_actions_to_everyone_but_focal_points(
    login, request, persona, incoming
):
    client = login(request.getfixturevalue(persona))
    assert client.post(f"/api/v1/federation/referrals/{incoming.pk}/acknowledge").status_code == 403


@pytest.mark.parametrize("suffix", ["", "/information-requests"])
def test_it_audits_every_read_of_a_cross_border_referral(login, focal, incoming, suffix):
    """The reads the access matrix cannot walk (it has no cross-border referral): each one
    writes an audit event naming the reader, never the contents."""
    from childpath.audit.models import AuditEvent

    before = AuditEvent.objects.filter(action="federation.read").count()
    response = login(focal).get(f"/api/v1/federation/referrals/{incoming.pk}{suffix}")
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="federation.read").count() > before

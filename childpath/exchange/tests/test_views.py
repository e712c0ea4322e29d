"""Persona tests of the federation pages: who may and who may not (STYLE.md 5)."""

import json
import uuid

import pytest

from childpath.exchange import keys, services
from childpath.exchange.models import CrossBorderReferral, Peer, PeerStatus
from childpath.exchange.tests.conftest import request_payload
from childpath.exchange.tests.test_inbox import post

REQUEST = services.RequestData(
    country="RS",
    reason="Fictional: family in Novi Grad.",
    urgency="urgent",
    share_fields=["given_names"],
)


@pytest.fixture
def requested(caseworker, case):
    return services.request_referral(actor=caseworker, case=case, data=REQUEST)


@pytest.fixture
def incoming(peer, sim):
    conversation = str(uuid.uuid4())
    post(sim.seal("referral.request", request_payload(), conversation=conversation))
    return CrossBorderReferral.objects.get(conversation_id=conversation)


# The focal point's list ----------------------------------------------------------------


def test_it_shows_the_focal_point_what_needs_action(login, focal, requested, incoming):
    response = login(focal).get("/federation/")
    assert response.status_code == 200
    assert requested.case.reference.encode() in response.content
    assert b"CP-TEST-RS01" in response.content


@pytest.mark.parametrize(
    "persona", ["caseworker", "coordinator", "frontline", "provider", "analyst", "administrator"]
)
def test_it_hides_the_list_from_everyone_else(login, request, persona, ring):
    assert login(request.getfixturevalue(persona)).get("/federation/").status_code == 403


def test_it_sends_anonymous_visitors_to_sign_in(db, ring):
    from django.test import Client

    assert Client().get("/federation/").status_code == 302


def test_it_keeps_the_list_within_a_query_budget(
    login, focal, incoming, django_assert_max_num_queries
):
    client = login(focal)
    with django_assert_max_num_queries(20):
        client.get("/federation/")


# One referral ----------------------------------------------------------------------------


def test_it_shows_an_incoming_request_without_the_childs_name(login, focal, incoming):
    response = login(focal).get(f"/federation/referrals/{incoming.pk}/")
    assert response.status_code == 200
    assert b"Fictional: the child" in response.content
    assert b"hours left to answer" in response.content
    assert b"Testa" not in response.content


def test_it_hides_a_referral_from_a_caseworker(login, caseworker, incoming):
    assert login(caseworker).get(f"/federation/referrals/{incoming.pk}/").status_code == 403


def test_it_answers_404_for_an_unknown_referral(login, focal, ring):
    assert login(focal).get(f"/federation/referrals/{uuid.uuid4()}/").status_code == 404


def test_it_lets_the_focal_point_send_a_request(login, focal, requested, peer):
    response = login(focal).post(
        f"/federation/referrals/{requested.pk}/send/", {"peer": str(peer.pk)}
    )
    assert response.status_code == 302
    requested.refresh_from_db()
    assert requested.status == "sent"


def test_it_explains_a_decline_without_a_reason(login, focal, incoming):
    response = login(focal).post(f"/federation/referrals/{incoming.pk}/decline/", {"reason": ""})
    assert response.status_code == 400
    assert b"This field is required" in response.content


def test_it_accepts_with_a_lead_agency(login, focal, incoming, orgs):
    response = login(focal).post(
        f"/federation/referrals/{incoming.pk}/accept/",
        {"lead_organisation": str(orgs["social"].pk)},
    )
    assert response.status_code == 302
    incoming.refresh_from_db()
    assert incoming.status == "accepted" and incoming.case is not None


def test_it_asks_for_the_lead_agency_to_accept(login, focal, incoming):
    response = login(focal).post(f"/federation/referrals/{incoming.pk}/accept/", {})
    assert response.status_code == 400
    assert b"Name the lead agency" in response.content


def test_it_refuses_actions_to_a_caseworker(login, caseworker, incoming):
    response = login(caseworker).post(f"/federation/referrals/{incoming.pk}/acknowledge/", {})
    assert response.status_code == 403


def test_it_answers_404_for_an_unknown_action(login, focal, incoming):
    assert login(focal).post(f"/federation/referrals/{incoming.pk}/explode/", {}).status_code == 404


# The caseworker's request ------------------------------------------------------------------


def test_it_shows_the_request_form_to_the_case_team(login, caseworker, case, ring):
    response = login(caseworker).get(f"/cases/{case.reference}/cross-border/new/")
    assert response.status_code == 200
    assert b"given names" in response.content


def test_it_records_a_request_from_the_form(login, caseworker, case, ring):
    response = login(caseworker).post(
        f"/cases/{case.reference}/cross-border/new/",
        {
            "country": "RS",
            "reason": "Fictional.",
            "urgency": "urgent",
            "share_fields": ["given_names"],
        },
    )
    assert response.status_code == 302
    assert CrossBorderReferral.objects.get().status == "requested"


def test_it_explains_a_request_without_a_reason(login, caseworker, case, ring):
    response = login(caseworker).post(
        f"/cases/{case.reference}/cross-border/new/", {"country": "RS", "urgency": "urgent"}
    )
    assert response.status_code == 400


def test_it_answers_404_to_someone_off_the_team(login, outsider, case, ring):
    assert login(outsider).get(f"/cases/{case.reference}/cross-border/new/").status_code == 404


def test_it_shows_the_request_on_the_case_page(login, caseworker, requested):
    response = login(caseworker).get(f"/cases/{requested.case.reference}/")
    assert b"Cross-border referrals" in response.content
    assert b"Asked of the focal point" in response.content


def test_it_lists_a_declined_referral_among_children_without_a_pathway(
    login, coordinator, requested, focal, peer, sim
):
    from childpath.exchange.tests.test_flows import deliver

    sent = services.send(actor=focal, referral=requested, peer=peer)
    deliver(sim, sent, "referral.decline", {"reason": "Fictional: no place."}, 1)
    response = login(coordinator).get("/pathways/")
    assert b"Cross-border referrals without an answer" in response.content
    assert requested.case.reference.encode() in response.content


def test_it_counts_what_needs_action_on_the_focal_points_home(login, focal, incoming):
    response = login(focal).get("/")
    assert b"Cross-border referrals" in response.content


# Peers ----------------------------------------------------------------------------------


def test_it_shows_the_administrator_the_card_and_peers(login, administrator, peer, ring):
    response = login(administrator).get("/federation/peers/")
    assert response.status_code == 200
    assert (
        keys.fingerprint(json.loads(json.dumps(response.context["card"]))).encode()
        in response.content
    )
    assert b"childpath-rs-test" in response.content


@pytest.mark.parametrize("persona", ["focal", "caseworker", "analyst"])
def test_it_hides_peers_from_everyone_else(login, request, persona, ring):
    assert login(request.getfixturevalue(persona)).get("/federation/peers/").status_code == 403


def test_it_imports_and_confirms_a_peer(login, administrator, sim):
    client = login(administrator)
    assert (
        client.post("/federation/peers/import/", {"card": json.dumps(sim.card)}).status_code == 302
    )
    peer = Peer.objects.get()
    assert peer.status == PeerStatus.PENDING
    wrong = client.post(f"/federation/peers/{peer.pk}/confirm/", {"fingerprint": "0000"})
    assert wrong.status_code == 400
    assert b"does not match" in wrong.content
    right = client.post(
        f"/federation/peers/{peer.pk}/confirm/", {"fingerprint": keys.fingerprint(sim.card).lower()}
    )
    assert right.status_code == 302
    peer.refresh_from_db()
    assert peer.status == PeerStatus.ACTIVE


def test_it_refuses_a_card_that_is_not_one(login, administrator, ring):
    response = login(administrator).post("/federation/peers/import/", {"card": '{"card": "x"}'})
    assert response.status_code == 400
    assert b"not a Childpath federation card" in response.content


def test_it_suspends_resumes_and_removes_a_peer(login, administrator, peer):
    client = login(administrator)
    client.post(f"/federation/peers/{peer.pk}/suspend/")
    peer.refresh_from_db()
    assert peer.status == PeerStatus.SUSPENDED
    client.post(f"/federation/peers/{peer.pk}/resume/")
    peer.refresh_from_db()
    assert peer.status == PeerStatus.ACTIVE
    client.post(f"/federation/peers/{peer.pk}/remove/")
    peer.refresh_from_db()
    assert peer.status == PeerStatus.REMOVED


def test_it_announces_rotated_keys_to_the_peers(login, administrator, peer, ring, settings, sim):
    from datetime import UTC, datetime, timedelta
    from pathlib import Path

    from childpath.exchange.models import OutboxMessage
    from childpath.exchange.tests.test_flows import _body

    now = datetime.now(UTC)
    keys.save(ring.rotated(now, now + timedelta(days=30)), Path(settings.FEDERATION_KEYS_FILE))
    assert login(administrator).post("/federation/peers/announce/").status_code == 302
    message = OutboxMessage.objects.get(type="peer.keys")
    _, payload = sim.open(_body(message))
    card = payload["card"]
    assert len(card["keys"]) == 4
    assert sum(1 for key in card["keys"] if "accept_until" in key) == 2


def test_it_keeps_a_referral_page_within_a_query_budget(
    login, focal, incoming, sim, django_assert_max_num_queries
):
    for seq in range(2, 12):
        post(
            sim.seal(
                "status.update",
                {"text": f"Fictional {seq}."},
                conversation=str(incoming.conversation_id),
                seq=seq,
            )
        )
    client = login(focal)
    with django_assert_max_num_queries(25):
        assert client.get(f"/federation/referrals/{incoming.pk}/").status_code == 200


def test_it_counts_a_request_from_abroad_until_it_is_answered(focal, incoming, orgs):
    from childpath.exchange import selectors

    assert selectors.attention_count() == 1
    assert [r.pk for r in selectors.attention().to_answer] == [incoming.pk]
    services.accept(actor=focal, referral=incoming, lead_organisation=orgs["social"])
    assert selectors.attention_count() == 0


def test_it_audits_the_focal_points_reading_of_a_referral(login, focal, incoming):
    from childpath.audit.models import AuditEvent

    login(focal).get(f"/federation/referrals/{incoming.pk}/")
    event = AuditEvent.objects.get(action="federation.read")
    assert event.actor == focal
    assert "remote=CP-TEST-RS01" in event.purpose
    assert "Fictional" not in event.purpose

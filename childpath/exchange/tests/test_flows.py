"""The cross-border referral on this instance's side, with the other side simulated:
request, send, the peer's answers applied, information requests, transfer, closure."""

import json
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from childpath.cases.models import Case, CaseEvent, Stage
from childpath.exchange import lifecycle, services
from childpath.exchange.models import CrossBorderReferral, InformationRequest, OutboxMessage
from childpath.exchange.services import RequestData
from childpath.exchange.tests.conftest import request_payload

REQUEST = RequestData(
    country="RS",
    reason="Fictional: her mother lives in Novi Grad and asked for her.",
    urgency="urgent",
    share_fields=["given_names", "family_name"],
    child_views="Fictional: she wants to go home if it is safe.",
)


@pytest.fixture
def requested(caseworker, case):
    return services.request_referral(actor=caseworker, case=case, data=REQUEST)


@pytest.fixture
def sent(requested, focal, peer):
    return services.send(actor=focal, referral=requested, peer=peer)


def last_payload(sim):
    message = OutboxMessage.objects.order_by("-created_at", "-seq").first()
    body = _body(message)
    return message, sim.open(body)[1]


def _body(message):
    from django.utils import timezone

    from childpath.exchange import config, envelope, keys, outbox

    signing = config.ring().current(keys.SIGNING)
    return envelope.sign(
        outbox.header_of(message),
        payload=message.payload,
        time=timezone.now(),
        signing_key=signing.signing(),
        signing_key_id=signing.id,
    )


def deliver(sim, referral, message_type, payload, seq, reply_to=None):
    body = sim.seal(
        message_type,
        payload,
        conversation=str(referral.conversation_id),
        seq=seq,
        reply_to=reply_to,
    )
    response = Client().post("/federation/inbox", data=body, content_type="application/json")
    assert response.status_code == 200, response.content
    referral.refresh_from_db()
    return referral


def test_it_records_the_caseworkers_request_on_the_timeline(requested):
    assert requested.status == "requested"
    assert CaseEvent.objects.filter(case=requested.case, kind="crossborder.requested").exists()


def test_it_refuses_a_request_without_a_reason(caseworker, case):
    with pytest.raises(ValidationError) as caught:
        services.request_referral(
            actor=caseworker, case=case, data=RequestData("RS", " ", "urgent")
        )
    assert "reason" in caught.value.message_dict


def test_it_refuses_an_unknown_identity_field(caseworker, case):
    with pytest.raises(ValidationError) as caught:
        services.request_referral(
            actor=caseworker,
            case=case,
            data=RequestData("RS", "Fictional.", "urgent", share_fields=["passport_photo"]),
        )
    assert "share_fields" in caught.value.message_dict


def test_it_lets_only_the_case_team_ask(outsider, case):
    from django.http import Http404

    with pytest.raises((PermissionDenied, Http404)):
        services.request_referral(actor=outsider, case=case, data=REQUEST)


def test_it_lets_only_a_focal_point_send(requested, caseworker, peer):
    with pytest.raises(PermissionDenied):
        services.send(actor=caseworker, referral=requested, peer=peer)


def test_it_sends_the_request_without_the_childs_name(sent, sim):
    message, payload = last_payload(sim)
    assert message.type == lifecycle.REQUEST
    assert payload["reference"] == sent.case.reference
    text = json.dumps(payload)
    assert "Testa" not in text and "Exempel" not in text
    assert payload["share_fields"] == ["given_names", "family_name"]
    assert "given_names" not in payload["facts"]


def test_it_counts_down_the_requested_response_time(sent):
    assert sent.status == "sent"
    assert sent.respond_by is not None


def test_it_sends_the_ticked_identity_once_accepted(sent, sim):
    accepted = deliver(
        sim,
        sent,
        lifecycle.ACCEPT,
        {"reference": "CP-RS00-0001", "lead_agency": "Fictional CSR"},
        1,
    )
    assert accepted.status == "accepted"
    assert accepted.remote_reference == "CP-RS00-0001"
    message, payload = last_payload(sim)
    assert message.type == lifecycle.IDENTITY
    assert set(payload["identity"]) == {"given_names", "family_name"}


def test_it_shows_a_decline_and_keeps_the_child_on_the_list(sent, sim, caseworker):
    from childpath.exchange import selectors

    declined = deliver(sim, sent, lifecycle.DECLINE, {"reason": "Fictional: no family found."}, 1)
    assert declined.status == "declined"
    assert declined.decline_reason == "Fictional: no family found."
    assert [r.pk for r in selectors.without_pathway_rows(caseworker)] == [declined.pk]


def test_it_transfers_and_closes_the_case_keeping_the_link(sent, sim, focal):
    deliver(sim, sent, lifecycle.ACCEPT, {"reference": "CP-RS00-0001", "lead_agency": "CSR"}, 1)
    services.transfer(actor=focal, referral=sent, note="Fictional: travel on Monday.")
    case = Case.objects.get(pk=sent.case_id)
    assert case.stage == Stage.CLOSED
    event = CaseEvent.objects.get(case=case, kind="crossborder.transferred")
    assert event.data["remote"] == "CP-RS00-0001"
    message, payload = last_payload(sim)
    assert message.type == lifecycle.TRANSFER
    assert set(payload["identity"]) == {"given_names", "family_name"}


def test_it_refuses_a_transfer_before_acceptance(sent, focal):
    with pytest.raises(ValidationError):
        services.transfer(actor=focal, referral=sent, note="")


def test_it_asks_and_receives_an_answer(sent, sim, focal):
    question = services.ask(
        actor=focal, referral=sent, topic="family_tracing", question="Fictional: is the aunt known?"
    )
    deliver(
        sim,
        sent,
        lifecycle.INFO_ANSWER,
        {"request": str(question.pk), "answer": "Fictional: yes, she is."},
        1,
    )
    question.refresh_from_db()
    assert question.answer == "Fictional: yes, she is."
    assert CaseEvent.objects.filter(case=sent.case, kind="crossborder.info_answered").exists()


def test_it_answers_a_question_from_abroad(peer, sim, focal):
    from childpath.exchange.tests.test_inbox import post

    conversation = str(uuid.uuid4())
    post(sim.seal("referral.request", request_payload(), conversation=conversation))
    referral = CrossBorderReferral.objects.get(conversation_id=conversation)
    request_id = str(uuid.uuid4())
    deliver(
        sim,
        referral,
        lifecycle.INFO_REQUEST,
        {
            "request": request_id,
            "topic": "risk_assessment",
            "question": "Fictional: is a return safe?",
            "due_by": "2030-01-01T00:00:00Z",
        },
        2,
    )
    question = InformationRequest.objects.get(pk=request_id)
    services.answer(actor=focal, request=question, text="Fictional: not yet.")
    message, payload = last_payload(sim)
    assert message.type == lifecycle.INFO_ANSWER
    assert payload == {"request": request_id, "answer": "Fictional: not yet."}


def test_it_accepts_an_incoming_referral_and_opens_a_case(peer, sim, focal, orgs):
    from childpath.exchange.tests.test_inbox import post

    conversation = str(uuid.uuid4())
    post(sim.seal("referral.request", request_payload(), conversation=conversation))
    referral = CrossBorderReferral.objects.get(conversation_id=conversation)
    services.acknowledge(actor=focal, referral=referral)
    accepted = services.accept(actor=focal, referral=referral, lead_organisation=orgs["social"])
    case = accepted.case
    assert case is not None and case.reference != "CP-TEST-RS01"
    assert CaseEvent.objects.filter(case=case, kind="crossborder.opened").exists()
    message, payload = last_payload(sim)
    assert payload["reference"] == case.reference
    identity_message = sim.seal(
        lifecycle.IDENTITY,
        {"identity": {"given_names": "Jovana", "family_name": "Primer"}},
        conversation=conversation,
        seq=2,
        reply_to=str(message.pk),
    )
    assert post(identity_message).status_code == 200
    case.identity.refresh_from_db()
    assert case.identity.full_name == "Jovana Primer"


def test_it_refuses_identity_fields_that_were_not_ticked(peer, sim, focal, orgs):
    from childpath.exchange.tests.test_inbox import post, reason

    conversation = str(uuid.uuid4())
    post(
        sim.seal(
            "referral.request",
            request_payload(share_fields=["given_names"]),
            conversation=conversation,
        )
    )
    referral = CrossBorderReferral.objects.get(conversation_id=conversation)
    services.accept(actor=focal, referral=referral, lead_organisation=orgs["social"])
    body = sim.seal(
        lifecycle.IDENTITY,
        {"identity": {"given_names": "Jovana", "date_of_birth": "2010-01-01"}},
        conversation=conversation,
        seq=2,
    )
    assert reason(post(body)) == "invalid_payload"


def test_it_requires_a_lead_agency_to_accept(peer, sim, focal):
    from childpath.exchange.tests.test_inbox import post

    conversation = str(uuid.uuid4())
    post(sim.seal("referral.request", request_payload(), conversation=conversation))
    referral = CrossBorderReferral.objects.get(conversation_id=conversation)
    with pytest.raises(ValidationError) as caught:
        services.accept(actor=focal, referral=referral, lead_organisation=None)
    assert "lead_organisation" in caught.value.message_dict


def test_it_requires_a_reason_to_decline(peer, sim, focal):
    from childpath.exchange.tests.test_inbox import post

    conversation = str(uuid.uuid4())
    post(sim.seal("referral.request", request_payload(), conversation=conversation))
    referral = CrossBorderReferral.objects.get(conversation_id=conversation)
    with pytest.raises(ValidationError):
        services.decline(actor=focal, referral=referral, reason="")


def test_it_takes_a_peers_new_card_after_a_rotation(peer, sim):
    from datetime import UTC, datetime, timedelta

    from childpath.exchange import keys
    from childpath.exchange.tests.test_inbox import post

    now = datetime.now(UTC)
    rotated = sim.ring.rotated(now, now + timedelta(days=30))
    card = dict(sim.card, keys=[k.as_card() for k in rotated.public_keys(now)])
    # Announced with the old key, which this instance trusts.
    assert post(sim.seal("peer.keys", {"card": card})).status_code == 200
    peer.refresh_from_db()
    assert peer.fingerprint == keys.fingerprint(card)
    # Signatures with the new key are accepted now.
    sim.ring = rotated
    body = sim.seal("referral.request", request_payload())
    assert post(body).status_code == 200

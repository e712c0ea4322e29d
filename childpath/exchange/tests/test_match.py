"""Match queries through the federation (issue 12): the focal point's "is this child known
there?" leaves as a ``match.query`` message, the peer answers it with matching's
``answer_query`` as ``match.answer``, and the answer is recorded on the asking side; every
refusal travels back with its reason. Both sides audit."""

import json
import uuid

import pytest
from django.test import Client

from childpath.audit.models import AuditEvent
from childpath.cases.models import CaseMember
from childpath.exchange import delivery, envelope, lifecycle
from childpath.exchange.models import Conversation, InboxMessage, OutboxMessage
from childpath.exchange.tests.conftest import THERE
from childpath.matching import services as matching
from childpath.matching.models import MatchQuery, PeerPolicy, QueryStatus

# Encodings are refreshed after the commit (matching's signal): real transactions.
pytestmark = pytest.mark.django_db(transaction=True)


def post(body: bytes):
    return Client().post("/federation/inbox", data=body, content_type="application/json")


@pytest.fixture
def shared_key(peer):
    """The linkage key this instance shares with the peer, which may ask 3 times an hour."""
    PeerPolicy.objects.create(peer=THERE, may_ask=True, queries_per_hour=3)
    return matching.rotate_key(actor=None, peer=THERE)


@pytest.fixture
def child(make_case, focal, shared_key):
    case = make_case(given_names="Stefan", family_name="Primer", sex="male", languages=["sr"])
    CaseMember.objects.create(case=case, organisation=focal.organisation, user=focal, access="view")
    return case


def sent(sim, message_type):
    """The envelopes of ``message_type`` this instance delivers now, opened as the peer."""
    opened = []

    def peer(url, body):
        results = []
        for one in sim.deliveries(body):
            opened.append(sim.open(one))
            results.append(sim.receipt(one))
        return sim.answer(body, results)

    delivery.run_once(threads=1, post=peer)
    return [(p, payload) for p, payload in opened if p.header.type == message_type]


def ask(login, focal, case, peer=THERE):
    return login(focal).post(f"/matching/cases/{case.reference}/ask/", {"peer": peer})


def test_it_sends_the_question_as_a_federation_message_without_the_name(login, focal, child, sim):
    response = ask(login, focal, child)
    assert response.status_code == 302
    message = OutboxMessage.objects.get(type=lifecycle.MATCH_QUERY)
    assert message.conversation.kind == "match" and message.case_reference == child.reference
    [(parsed, payload)] = sent(sim, lifecycle.MATCH_QUERY)
    assert parsed.header.seq == 1 and parsed.header.recipient == THERE
    assert set(payload) >= {"encoding", "key_version", "query_id"}
    assert "Stefan" not in json.dumps(payload) and "Primer" not in json.dumps(payload)
    query = MatchQuery.objects.get(case=child)
    assert (query.status, str(query.query_id)) == (QueryStatus.WAITING, payload["query_id"])
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"matching.query.sent", "federation.send", "federation.receipt"} <= actions


def test_it_records_the_peers_candidates_and_shows_them(login, focal, child, sim):
    ask(login, focal, child)
    [(query, payload)] = sent(sim, lifecycle.MATCH_QUERY)
    answer = {
        "format": 1,
        "query_id": payload["query_id"],
        "status": "answered",
        "reason": "",
        "candidates": [
            {
                "reference": "CP-RS00-0042",
                "probability": 0.98,
                "band": "likely",
                "agreeing": ["given_names", "family_name"],
            }
        ],
    }
    body = sim.seal(
        lifecycle.MATCH_ANSWER,
        answer,
        conversation=query.header.conversation,
        reply_to=query.id,
    )
    assert post(body).status_code == 200
    stored = MatchQuery.objects.get(case=child)
    assert stored.status == QueryStatus.ANSWERED
    assert [c.reference for c in stored.candidates.all()] == ["CP-RS00-0042"]
    assert "CP-RS00-0042" in login(focal).get(f"/cases/{child.reference}/").content.decode()
    assert AuditEvent.objects.filter(action="matching.answer.received").count() == 1
    # A duplicate delivery changes nothing.
    assert post(body).status_code == 200
    assert stored.candidates.count() == 1


def test_it_answers_a_peers_question_with_its_own_references_never_a_name(focal, child, sim, peer):
    # The peer's question, made with the key both share (here by this instance's code).
    question = matching.build_query(actor=focal, case=child, peer=THERE)
    MatchQuery.objects.all().delete()
    assert post(sim.seal(lifecycle.MATCH_QUERY, dict(question))).status_code == 200
    [(parsed, answer)] = sent(sim, lifecycle.MATCH_ANSWER)
    received = InboxMessage.objects.get(type=lifecycle.MATCH_QUERY)
    assert parsed.header.reply_to == str(received.message_id)
    assert parsed.header.conversation == str(received.conversation_id)
    assert answer["status"] == "answered"
    assert child.reference in [c["reference"] for c in answer["candidates"]]
    assert "Stefan" not in json.dumps(answer)
    incoming = MatchQuery.objects.get(direction="incoming")
    assert incoming.status == QueryStatus.ANSWERED
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"federation.receive", "matching.query.answered", "federation.send"} <= actions


def test_it_refuses_a_question_under_an_old_key_version_with_the_reason(focal, child, sim):
    question = matching.build_query(actor=focal, case=child, peer=THERE)
    matching.rotate_key(actor=None, peer=THERE)
    assert post(sim.seal(lifecycle.MATCH_QUERY, dict(question))).status_code == 200
    [(_parsed, answer)] = sent(sim, lifecycle.MATCH_ANSWER)
    assert answer["status"] == "refused"
    assert "key version 1 is not the current one (2)" in answer["reason"]
    assert answer["candidates"] == []


def test_it_refuses_a_peer_that_may_not_ask(focal, child, sim):
    question = matching.build_query(actor=focal, case=child, peer=THERE)
    PeerPolicy.objects.filter(peer=THERE).update(may_ask=False)
    post(sim.seal(lifecycle.MATCH_QUERY, dict(question)))
    [(_parsed, answer)] = sent(sim, lifecycle.MATCH_ANSWER)
    assert (answer["status"], answer["candidates"]) == ("refused", [])
    assert "may not ask" in answer["reason"]
    assert AuditEvent.objects.filter(action="matching.query.refused").count() == 1


def test_it_refuses_a_peer_over_its_rate(focal, child, sim):
    question = matching.build_query(actor=focal, case=child, peer=THERE)
    for _ in range(4):
        post(sim.seal(lifecycle.MATCH_QUERY, dict(question)))
    answers = [answer for _parsed, answer in sent(sim, lifecycle.MATCH_ANSWER)]
    assert [a["status"] for a in answers] == ["answered"] * 3 + ["refused"]
    assert "rate" in answers[-1]["reason"]


def test_it_refuses_an_answer_to_a_question_it_never_asked(child, sim):
    opened = sim.seal(lifecycle.MATCH_QUERY, {"format": 1})
    post(opened)
    conversation = envelope.parse(opened).header.conversation
    answer = sim.seal(
        lifecycle.MATCH_ANSWER,
        {"format": 1, "query_id": str(uuid.uuid4()), "status": "answered", "candidates": []},
        conversation=conversation,
        seq=2,
        reply_to=envelope.parse(opened).id,
    )
    response = post(answer)
    assert json.loads(response.content)["reason"] == envelope.INVALID_STATE
    assert not MatchQuery.objects.filter(direction="outgoing").exists()


def test_it_refuses_an_answer_that_names_no_query_of_ours(login, focal, child, sim):
    ask(login, focal, child)
    [(query, _payload)] = sent(sim, lifecycle.MATCH_QUERY)
    body = sim.seal(
        lifecycle.MATCH_ANSWER,
        {"format": 1, "query_id": str(uuid.uuid4()), "status": "answered", "candidates": []},
        conversation=query.header.conversation,
        reply_to=query.id,
    )
    assert json.loads(post(body).content)["reason"] == envelope.INVALID_PAYLOAD
    assert MatchQuery.objects.get(case=child).status == QueryStatus.WAITING


def test_it_does_not_ask_a_country_it_is_not_paired_with(login, focal, child):
    matching.rotate_key(actor=None, peer="childpath-xx-test")
    response = login(focal).post(
        f"/matching/cases/{child.reference}/ask/", {"peer": "childpath-xx-test"}, follow=True
    )
    assert "not paired with childpath-xx-test" in response.content.decode()
    assert not MatchQuery.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_it_holds_a_question_for_a_suspended_peer_back(login, focal, child, peer):
    peer.status = "suspended"
    peer.save()
    response = ask(login, focal, child)
    assert response.status_code == 302
    assert not MatchQuery.objects.exists()
    assert not Conversation.objects.filter(kind="match").exists()


@pytest.mark.parametrize(
    ("message_type", "side", "seq", "allowed"),
    [
        (lifecycle.MATCH_QUERY, lifecycle.ASKER, 1, True),
        (lifecycle.MATCH_QUERY, lifecycle.ANSWERER, 1, False),
        (lifecycle.MATCH_ANSWER, lifecycle.ANSWERER, 1, True),
        (lifecycle.MATCH_ANSWER, lifecycle.ANSWERER, 2, False),
        (lifecycle.MATCH_ANSWER, lifecycle.ASKER, 1, False),
        (lifecycle.STATUS_UPDATE, lifecycle.ASKER, 1, False),
    ],
)
def test_it_allows_one_question_and_one_answer(message_type, side, seq, allowed):
    assert lifecycle.may_send_match(message_type, side=side, seq=seq) is allowed

import base64
import json

import pytest
from django.core.exceptions import PermissionDenied

from childpath import linkage
from childpath.audit.models import AuditEvent
from childpath.matching import services
from childpath.matching.models import (
    CaseEncoding,
    MatchQuery,
    PeerKey,
    PeerPolicy,
    QueryStatus,
    ReencodeJob,
)

pytestmark = pytest.mark.django_db(transaction=True)


def peer_query(peer_key, **record):
    """The query another instance holding the same key would send."""
    key = linkage.key_from_dict(json.loads(peer_key.key_file))
    blob = linkage.Encoder(key).encode(linkage.Record(id="x", **record))
    return {
        "format": 1,
        "query_id": "q-1",
        "key_id": key.key_id,
        "key_version": peer_key.version,
        "normalisation": linkage.NORMALISATION_VERSION,
        "encoding": base64.b64encode(blob).decode(),
    }


def test_it_builds_a_query_without_a_name(make_case, focal, on_team, peer_key):
    case = on_team(make_case(given_names="Олена", family_name="Шевченко"))
    payload = services.build_query(actor=focal, case=case, peer="rs-test")
    text = json.dumps(payload)
    assert "Шевченко" not in text and "Shevchenko" not in text.lower()
    assert len(base64.b64decode(payload["encoding"])) == 160
    assert MatchQuery.objects.get(case=case).status == QueryStatus.WAITING
    assert AuditEvent.objects.filter(
        action="matching.query.sent", case_reference=case.reference
    ).exists()


def test_it_lets_only_focal_points_ask(make_case, caseworker, peer_key):
    case = make_case()
    with pytest.raises(PermissionDenied):
        services.build_query(actor=caseworker, case=case, peer="rs-test")


def test_it_answers_with_references_probabilities_and_agreeing_fields(make_case, peer_key):
    case = make_case(given_names="Olena", family_name="Shevchenko", sex="female")
    answer = services.answer_query(
        peer="rs-test",
        payload=peer_query(
            peer_key,
            given_names="Schewtschenko",
            family_name="Olena",
            date_of_birth="2010-04-01",
            sex="f",
        ),
    )
    assert answer["status"] == "answered"
    [candidate] = answer["candidates"]
    assert candidate["reference"] == case.reference
    assert candidate["probability"] > 0.5
    assert "date_of_birth" in candidate["agreeing"]
    assert "Olena" not in json.dumps(answer)


def test_it_refuses_a_peer_that_may_not_ask(make_case, peer_key):
    PeerPolicy.objects.filter(peer="rs-test").update(may_ask=False)
    answer = services.answer_query(peer="rs-test", payload=peer_query(peer_key, given_names="A"))
    assert answer["status"] == "refused" and "may not ask" in answer["reason"]
    assert answer["candidates"] == []


def test_it_refuses_a_query_over_the_rate(make_case, peer_key):
    make_case()
    for _ in range(3):
        assert (
            services.answer_query(peer="rs-test", payload=peer_query(peer_key, given_names="A"))[
                "status"
            ]
            == "answered"
        )
    answer = services.answer_query(peer="rs-test", payload=peer_query(peer_key, given_names="A"))
    assert answer["status"] == "refused" and "rate" in answer["reason"]


def test_it_refuses_a_query_under_an_old_key_version(make_case, peer_key):
    old = peer_query(peer_key, given_names="Testa", family_name="Exempel")
    services.rotate_key(actor=None, peer="rs-test")
    answer = services.answer_query(peer="rs-test", payload=old)
    assert answer["status"] == "refused"
    assert "key version 1 is not the current one (2)" in answer["reason"]


def test_it_refuses_an_encoding_of_the_wrong_length(peer_key):
    payload = peer_query(peer_key, given_names="A")
    payload["encoding"] = base64.b64encode(b"short").decode()
    answer = services.answer_query(peer="rs-test", payload=payload)
    assert answer["status"] == "refused" and "160 bytes" in answer["reason"]


def test_it_records_an_answer_once(make_case, focal, on_team, peer_key):
    case = on_team(make_case())
    sent = services.build_query(actor=focal, case=case, peer="rs-test")
    answer = {
        "format": 1,
        "query_id": sent["query_id"],
        "status": "answered",
        "reason": "",
        "candidates": [
            {
                "reference": "RS-AAAA-BBBB",
                "probability": 0.97,
                "band": "likely",
                "agreeing": ["family_name"],
            }
        ],
    }
    services.record_answer(peer="rs-test", payload=answer)
    query = services.record_answer(peer="rs-test", payload=answer)
    assert query.status == QueryStatus.ANSWERED
    assert [c.reference for c in query.candidates.all()] == ["RS-AAAA-BBBB"]


def test_it_reencodes_every_case_when_a_key_is_rotated(make_case, peer_key):
    make_case()
    make_case(given_names="Ioana", family_name="Popescu")
    key = services.rotate_key(actor=None, peer="rs-test")
    job = ReencodeJob.objects.get(peer="rs-test", key_version=key.version)
    assert job.done == 2 and job.finished_at is not None and job.percent == 100
    assert set(
        CaseEncoding.objects.filter(peer="rs-test").values_list("key_version", flat=True)
    ) == {2}
    assert PeerKey.objects.get(peer="rs-test", version=1).retired_at is not None


def test_it_stores_the_key_encrypted(peer_key):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT key_file FROM matching_peerkey")
        stored = cursor.fetchone()[0]
    assert "secret" not in stored


def test_it_flags_a_child_registered_twice(make_case, orgs):
    first = make_case(given_names="Đorđe", family_name="Petrović", sex="male")
    second = make_case(given_names="Ђорђе", family_name="Петровић", sex="male", lead="other_social")
    from childpath.matching.models import DuplicateFlag

    flag = DuplicateFlag.objects.get()
    assert {flag.first_id, flag.second_id} == {first.pk, second.pk}

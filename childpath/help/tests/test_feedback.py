"""Children's feedback: a one-time code, a few questions, nothing that names the child."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.utils import timezone

from childpath.audit.models import AuditEvent
from childpath.help import codes, ratelimit, services
from childpath.help.models import FeedbackAnswer, FeedbackCode

pytestmark = pytest.mark.django_db
URL = "/help/sv/feedback/"


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def code(caseworker) -> str:
    return services.issue_feedback_code(actor=caseworker, kind="first_meeting").code


def _send(code: str, address: str = "192.0.2.1", **answers) -> object:
    data = {"code": code, "safe": "3", "listened": "2", "would_help": "", **answers}
    return Client().post(URL, data, REMOTE_ADDR=address)


def test_it_gives_a_code_of_eight_unambiguous_characters(code):
    assert codes.looks_valid(code)
    many = "".join(codes.new_code() for _ in range(500))
    assert not set(many) & set("0O1IL5S")


def test_it_stores_only_a_hash_of_the_code(code):
    stored = FeedbackCode.objects.get()
    assert code not in stored.code_hash
    assert stored.expires_on == timezone.localdate() + timedelta(days=60)


def test_it_records_who_gave_the_code_but_not_for_which_case(code, caseworker):
    event = AuditEvent.objects.get(action="help.feedback_code")
    assert event.actor == caseworker
    assert event.case_reference == ""


def test_it_stores_an_answer_for_the_organisation_and_the_kind_of_meeting(code, caseworker):
    response = _send(code)
    assert response.status_code == 302
    answer = FeedbackAnswer.objects.get()
    assert (answer.organisation, answer.kind) == (caseworker.organisation, "first_meeting")
    assert (answer.safe, answer.listened, answer.explained) == (3, 2, None)
    assert answer.month == timezone.localdate().replace(day=1)
    assert answer.language == "sv"


def test_it_accepts_the_code_in_small_letters_and_with_spaces(code):
    assert _send(f" {code[:4].lower()} - {code[4:]} ").status_code == 302


def test_it_spends_the_code(code):
    _send(code)
    assert FeedbackCode.objects.get().used


def test_it_refuses_a_used_code_kindly_and_stores_nothing(code):
    _send(code)
    response = _send(code)
    assert response.status_code == 400
    assert "har redan använts" in response.content.decode()
    assert FeedbackAnswer.objects.count() == 1


def test_it_refuses_an_unknown_code_kindly(db):
    response = _send("ABCD-EFGH")
    assert response.status_code == 400
    assert "Vi hittade inte koden" in response.content.decode()
    assert not FeedbackAnswer.objects.exists()


def test_it_refuses_an_expired_code_kindly(code):
    with time_machine.travel(timezone.now() + timedelta(days=61)):
        response = _send(code)
    assert response.status_code == 400
    assert "äldre än 60 dagar" in response.content.decode()
    assert not FeedbackAnswer.objects.exists()


def test_it_accepts_a_code_on_its_last_day(code):
    with time_machine.travel(timezone.now() + timedelta(days=60)):
        assert _send(code).status_code == 302


def test_it_refuses_a_too_long_text_and_stores_nothing(code):
    response = _send(code, would_help="x" * 1001)
    assert response.status_code == 400
    assert "lite för långt" in response.content.decode()
    assert not FeedbackAnswer.objects.exists()
    assert not FeedbackCode.objects.get().used


def test_it_encrypts_the_free_text(code):
    _send(code, would_help="Fictional: a shorter wait.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT would_help FROM help_feedbackanswer")
        (raw,) = cursor.fetchone()
    assert "shorter wait" not in raw
    assert FeedbackAnswer.objects.get().would_help == "Fictional: a shorter wait."


def test_it_asks_for_no_name(db):
    page = Client().get(URL).content.decode()
    assert 'name="name"' not in page and "email" not in page


def test_it_fills_in_the_code_from_the_qr_link(code):
    page = Client().get(f"{URL}?code={code}").content.decode()
    assert f'value="{code}"' in page


def test_it_keeps_neither_the_code_nor_the_day_with_the_answer(code):
    _send(code)
    fields = {field.name for field in FeedbackAnswer._meta.get_fields()}
    assert not fields & {"code", "created_at", "case", "user", "child"}


def test_it_limits_attempts_per_code(code, monkeypatch):
    monkeypatch.setattr(ratelimit, "PER_CODE", 2)
    for address in ("192.0.2.1", "192.0.2.2"):
        assert _send(code[::-1], address=address).status_code == 400
    response = _send(code, address="192.0.2.3")
    # Even the right code, from a new address: that code has been tried too often.
    assert _send(code[::-1], address="192.0.2.4").status_code == 429
    assert response.status_code == 302


def test_it_limits_attempts_per_address(code, monkeypatch):
    monkeypatch.setattr(ratelimit, "PER_ADDRESS", 3)
    for _ in range(3):
        _send("ABCD-EFGH", address="192.0.2.9")
    response = _send(code, address="192.0.2.9")
    assert response.status_code == 429
    assert "många försök" in response.content.decode()
    assert not FeedbackAnswer.objects.exists()
    assert _send(code, address="192.0.2.10").status_code == 302


def test_it_keeps_no_address_in_the_rate_limit(code):
    from django.core.cache import cache

    _send("ABCD-EFGH", address="192.0.2.77")
    keys = list(cache._cache.keys())  # the local-memory cache of the tests
    assert keys and not any("192.0.2.77" in key for key in keys)


def test_it_stores_one_answer_when_one_code_is_sent_twice_at_once(code):
    # The compare-and-set: the second spend of the same row changes nothing.
    services.submit_feedback(code=code, answers=services.Answers(faces={}))
    with pytest.raises(services.FeedbackRefused):
        services.submit_feedback(code=code, answers=services.Answers(faces={}))
    assert FeedbackAnswer.objects.count() == 1


def test_it_writes_an_audit_event_without_actor_or_case(code):
    _send(code)
    event = AuditEvent.objects.get(action="help.feedback")
    assert event.actor is None and event.case_reference == ""


def test_it_carries_the_code_from_the_language_choice(db):
    page = Client().get("/help/feedback/?code=ABCD-EFGH").content.decode()
    assert 'href="/help/uk/feedback/?code=ABCD-EFGH"' in page

"""Sliding sessions: 30 minutes of inactivity, renewed at most once a minute (issue 17)."""

from datetime import timedelta

import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from childpath.lib.sessions import REFRESHED_KEY

SESSION = "/accounts/session"


def _expiry(client: Client):
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def test_it_keeps_the_thirty_minute_idle_timeout():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_REFRESH_INTERVAL == 60
    assert not settings.SESSION_SAVE_EVERY_REQUEST


def test_it_does_not_write_the_session_again_within_a_minute(caseworker, login):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client = login(caseworker)
        client.get(SESSION)
        first = _expiry(client).expire_date
        traveller.shift(timedelta(seconds=59))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(SESSION).status_code == 200
        assert _expiry(client).expire_date == first
        assert not [
            q
            for q in captured.captured_queries
            if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")
        ]


def test_it_renews_the_expiry_after_a_minute(caseworker, login):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client = login(caseworker)
        client.get(SESSION)
        first = _expiry(client).expire_date
        traveller.shift(timedelta(seconds=61))
        client.get(SESSION)
        assert _expiry(client).expire_date == first + timedelta(seconds=61)


def test_it_stays_signed_in_while_the_person_is_active(caseworker, login):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client = login(caseworker)
        for _minute in range(6):
            traveller.shift(timedelta(minutes=20))
            assert client.get(SESSION).status_code == 200


def test_it_signs_out_after_thirty_minutes_without_a_request(caseworker, login):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client = login(caseworker)
        client.get(SESSION)
        traveller.shift(timedelta(minutes=30, seconds=1))
        response = client.get(SESSION)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_it_never_keeps_a_session_longer_than_thirty_minutes_after_the_last_request(
    caseworker, login
):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client = login(caseworker)
        client.get(SESSION)
        traveller.shift(timedelta(seconds=30))
        client.get(SESSION)  # not written: the expiry stays 30 minutes after the first
        assert _expiry(client).expire_date <= timezone.now() + timedelta(minutes=30)


def test_it_does_not_write_the_session_on_liveness_checks(caseworker, login):
    client = login(caseworker)
    client.get(SESSION)
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/healthz").status_code == 200
    writes = [q for q in captured.captured_queries if "django_session" in q["sql"]]
    assert not [q for q in writes if not q["sql"].startswith("SELECT")]


def test_it_creates_no_session_for_an_anonymous_visitor(db):
    client = Client()
    client.get("/accounts/login/")
    client.get("/healthz")
    assert Session.objects.count() == 0
    assert settings.SESSION_COOKIE_NAME not in client.cookies


def test_it_records_when_a_session_was_renewed(caseworker, login):
    client = login(caseworker)
    client.get(SESSION)
    assert isinstance(client.session[REFRESHED_KEY], int)


def test_it_shows_the_signed_in_person_their_session(caseworker, login):
    response = login(caseworker).get(SESSION)
    assert response.json()["username"] == caseworker.username
    assert 0 < response.json()["expires_in"] <= 30 * 60
    assert "no-store" in response["Cache-Control"]


def test_it_sends_an_anonymous_visitor_of_the_session_view_to_sign_in(db):
    response = Client().get(SESSION)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")

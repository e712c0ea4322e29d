"""Bad input gives a clear, translated error and publishes nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import translation

from childpath.accounts.models import User
from childpath.stats.models import Release


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=2025-05-01&to=2025-04-01", b"ends before it starts"),
        ("year=2999", b"lies in the future"),
        ("quarter=2025-Q7", b"quarter such as"),
        ("from=2025-13-45&to=2025-12-31", b"YYYY-MM-DD"),
        ("by=name", b"cannot be broken down"),
    ],
)
def test_it_explains_a_bad_period_or_breakdown(
    login: Callable[[User], Client], analyst: User, query: str, message: bytes
) -> None:
    response = login(analyst).get(f"/statistics/tables/sex/?{query}")
    assert response.status_code == 400 and message in response.content


def test_it_answers_an_unknown_table_with_404(
    login: Callable[[User], Client], analyst: User
) -> None:
    assert login(analyst).get("/statistics/tables/names/").status_code == 404
    assert login(analyst).get("/api/v1/statistics/tables/names").status_code == 404


def test_it_explains_in_the_users_language(login: Callable[[User], Client], analyst: User) -> None:
    client = login(analyst)
    with translation.override("sv"):
        response = client.get("/statistics/?year=2999", HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 400
    assert b"framtiden" in response.content


def test_it_refuses_an_api_period_that_ends_before_it_starts(
    login: Callable[[User], Client], analyst: User
) -> None:
    response = login(analyst).get("/api/v1/statistics/indicators?from=2025-05-01&to=2025-01-01")
    assert response.status_code == 400 and "ends before" in response.json()["detail"]


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"title": "", "year": "2025"}, "title"),
        ({"title": "Annual", "year": "2025", "method": "differential", "epsilon": 0}, "Epsilon"),
        ({"title": "Annual", "year": "2025", "method": "differential", "epsilon": 5}, "budget"),
        ({"title": "Annual", "from": "2025-06-01", "to": "2025-01-01"}, "ends before"),
        ({"title": "Annual", "year": "2025", "method": "differential", "epsilon": "a"}, "Epsilon"),
        ({"title": "Annual", "year": "2025", "method": "rounded", "rounding": "five"}, "multiple"),
        ({"title": "Annual", "year": "2025", "method": "rounded", "rounding": 1000}, "multiple"),
        ({"title": "Annual", "year": "2025", "method": "dp"}, "protected"),
        ({"title": "Annual", "year": "2999"}, "future"),
        ({"title": "Annual", "year": "2025", "corrects": "nope"}, "no such release"),
    ],
)
def test_it_publishes_nothing_on_bad_release_input(
    login: Callable[[User], Client], analyst: User, payload: dict[str, object], message: str
) -> None:
    response = login(analyst).post(
        "/api/v1/statistics/releases", payload, content_type="application/json"
    )
    assert response.status_code == 400 and message in response.json()["detail"]
    assert not Release.objects.exists()

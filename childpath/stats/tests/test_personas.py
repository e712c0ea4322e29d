"""Who may see the statistics, page by page and endpoint by endpoint: analysts see all,
coordinators their own organisation's figures, nobody else any; never a case or a reference."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from childpath.accounts.models import User
from childpath.cases.models import Case

PAGES = [
    "/statistics/",
    "/statistics/tables/sex/",
    "/statistics/indicators/",
    "/statistics/overview/?year=2025",
]
ANALYST_ONLY = ["/statistics/releases/", "/statistics/combine/", "/api/v1/statistics/releases"]
API = [
    "/api/v1/statistics/tables",
    "/api/v1/statistics/tables/status?year=2025",
    "/api/v1/statistics/indicators?quarter=2025-Q1",
]

pytestmark = pytest.mark.usefixtures("dataset")


@pytest.mark.parametrize("url", PAGES + API + ANALYST_ONLY)
def test_it_shows_the_analyst_every_page(
    login: Callable[[User], Client], analyst: User, url: str
) -> None:
    response = login(analyst).get(url)
    assert response.status_code == 200
    assert b"CP-TEST" not in response.content


@pytest.mark.parametrize("url", PAGES + API)
def test_it_shows_a_coordinator_the_own_figures(
    login: Callable[[User], Client], coordinator: User, url: str
) -> None:
    response = login(coordinator).get(url)
    assert response.status_code == 200
    assert b"CP-TEST" not in response.content


@pytest.mark.parametrize("url", ANALYST_ONLY)
def test_it_refuses_a_coordinator_the_releases(
    login: Callable[[User], Client], coordinator: User, url: str
) -> None:
    assert login(coordinator).get(url).status_code == 403


@pytest.mark.parametrize(
    "persona", ["frontline", "caseworker", "provider", "panel", "administrator"]
)
@pytest.mark.parametrize("url", PAGES[:2] + API[:2] + ANALYST_ONLY[:1])
def test_it_refuses_everyone_else(
    login: Callable[[User], Client], request: pytest.FixtureRequest, persona: str, url: str
) -> None:
    user = request.getfixturevalue(persona)
    assert login(user).get(url).status_code == 403


def test_it_sends_a_visitor_to_sign_in() -> None:
    response = Client().get("/statistics/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_refuses_the_api_without_credentials() -> None:
    assert Client().get("/api/v1/statistics/tables").status_code in (401, 403)


def test_it_keeps_a_coordinator_to_the_own_organisation(
    login: Callable[[User], Client], coordinator: User, orgs: dict[str, object]
) -> None:
    other = orgs["other_social"]
    response = login(coordinator).get(
        f"/api/v1/statistics/tables/status?year=2025&organisation={other.pk}"  # type: ignore[attr-defined]
    )
    assert response.json()["organisation"] == str(coordinator.organisation_id)


def test_it_shows_a_small_cell_as_suppressed_never_as_zero(
    login: Callable[[User], Client], analyst: User
) -> None:
    body = login(analyst).get("/api/v1/statistics/tables/sex?year=2025").json()
    # Five registered victims, under the default threshold of 10: everything is withheld.
    assert all(row["total"] is None for row in body["rows"]) and body["total"] is None
    page = login(analyst).get("/statistics/tables/sex/?year=2025")
    assert b"suppressed" in page.content


def test_it_shows_the_coordinator_dashboard_on_the_home_page(
    login: Callable[[User], Client], coordinator: User
) -> None:
    response = login(coordinator).get("/")
    # The home page lists the coordinator's own cases (cases app); the card has figures only.
    assert b"Barriers in your organisation" in response.content


def test_it_links_the_analyst_home_page_to_the_statistics(
    login: Callable[[User], Client], analyst: User
) -> None:
    response = login(analyst).get("/")
    assert b'href="/statistics/"' in response.content


def test_it_costs_the_same_queries_with_more_cases(
    login: Callable[[User], Client],
    analyst: User,
    django_assert_max_num_queries: Callable[[int], object],
    dataset: list[Case],
) -> None:
    client = login(analyst)
    with django_assert_max_num_queries(12):  # type: ignore[attr-defined]
        assert client.get("/statistics/tables/sex/?year=2025&by=exploitation").status_code == 200

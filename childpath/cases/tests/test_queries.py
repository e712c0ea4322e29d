"""Query budgets (STYLE.md practice 6): a page costs the same with 3 cases or 30."""

import re

import pytest

from childpath.cases import services
from conftest import encounter_data

# Budgets include the session, the user, the audit event of a read and the session save, with
# a little room to grow. The case page also runs the sections of identification, age, rights
# and referrals. Lowered by the queries cut in issue 17: the menu's unread-notification count
# (now a column of the user row) and, in the API's list, the colleagues of the coordinator
# filter (read only when a colleague's id is given).
LIST_PAGE_BUDGET = 9
DETAIL_PAGE_BUDGET = 27
API_LIST_BUDGET = 8
API_DETAIL_BUDGET = 16


@pytest.fixture
def measure(django_assert_max_num_queries):
    def count(client, url: str, budget: int) -> int:
        with django_assert_max_num_queries(budget) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured)

    return count


def _more_cases(make_case, total: int, existing: int) -> None:
    for n in range(existing, total):
        make_case(given_names=f"Testa{n}")


def _busier(case, caseworker, coordinator, provider, orgs, contacts: int) -> None:
    """More encounters, team members and timeline events on one case."""
    services.set_coordinator(actor=caseworker, case=case, coordinator=coordinator)
    services.add_team_member(
        actor=caseworker, case=case, organisation=orgs["shelter"], user=provider, access="view"
    )
    services.add_team_member(
        actor=caseworker, case=case, organisation=orgs["barnahus"], user=None, access="view"
    )
    for _contact in range(contacts):
        services.record_encounter(actor=caseworker, case=case, encounter=encounter_data())


def test_it_lists_3_or_30_cases_in_the_same_queries(make_case, caseworker, login, measure):
    client = login(caseworker)
    _more_cases(make_case, 3, 0)
    client.get("/cases/")  # warm caches that are not per request
    few = measure(client, "/cases/", LIST_PAGE_BUDGET)
    _more_cases(make_case, 30, 3)
    many = measure(client, "/cases/", LIST_PAGE_BUDGET)
    assert few == many


def test_it_lists_coordinated_cases_in_the_same_queries(
    make_case, caseworker, coordinator, login, measure
):
    client = login(caseworker)
    for n in range(3):
        services.set_coordinator(
            actor=caseworker, case=make_case(given_names=f"Testa{n}"), coordinator=coordinator
        )
    client.get("/cases/")
    few = measure(client, "/cases/", LIST_PAGE_BUDGET)
    for n in range(3, 30):
        services.set_coordinator(
            actor=caseworker, case=make_case(given_names=f"Testa{n}"), coordinator=coordinator
        )
    assert measure(client, "/cases/", LIST_PAGE_BUDGET) == few


def test_it_shows_a_case_among_3_or_30_in_the_same_queries(
    case, make_case, caseworker, login, measure
):
    client = login(caseworker)
    url = f"/cases/{case.reference}/"
    _more_cases(make_case, 3, 1)
    client.get(url)
    few = measure(client, url, DETAIL_PAGE_BUDGET)
    _more_cases(make_case, 30, 3)
    assert measure(client, url, DETAIL_PAGE_BUDGET) == few


def test_it_shows_a_busier_case_in_the_same_queries(
    case, caseworker, coordinator, provider, orgs, login, measure
):
    client = login(caseworker)
    url = f"/cases/{case.reference}/"
    _busier(case, caseworker, coordinator, provider, orgs, contacts=1)
    client.get(url)
    few = measure(client, url, DETAIL_PAGE_BUDGET)
    _busier(case, caseworker, coordinator, provider, orgs, contacts=10)
    assert measure(client, url, DETAIL_PAGE_BUDGET) == few


def test_it_lists_3_or_30_cases_through_the_api_in_the_same_queries(
    make_case, caseworker, coordinator, login, measure
):
    client = login(caseworker)
    for n in range(3):
        services.set_coordinator(
            actor=caseworker, case=make_case(given_names=f"Testa{n}"), coordinator=coordinator
        )
    client.get("/api/v1/cases")
    few = measure(client, "/api/v1/cases", API_LIST_BUDGET)
    for n in range(3, 30):
        services.set_coordinator(
            actor=caseworker, case=make_case(given_names=f"Testa{n}"), coordinator=coordinator
        )
    assert measure(client, "/api/v1/cases", API_LIST_BUDGET) == few


def test_it_shows_a_busier_case_through_the_api_in_the_same_queries(
    case, caseworker, coordinator, provider, orgs, login, measure
):
    client = login(caseworker)
    url = f"/api/v1/cases/{case.reference}"
    client.get(url)
    few = measure(client, url, API_DETAIL_BUDGET)
    _busier(case, caseworker, coordinator, provider, orgs, contacts=1)
    assert measure(client, url, API_DETAIL_BUDGET) == few


# Every filter at once, in the order of the latest activity: what the most demanding list
# asks of the database (one EXISTS per filter inside the same query, never a query per row).
ALL_FILTERS = "stage=concern&coordinator=none&mine=1&screening=none&sort=activity"


def test_it_lists_3_or_30_filtered_cases_in_the_same_queries(make_case, frontline, login, measure):
    client = login(frontline)
    _more_cases(make_case, 3, 0)
    url = f"/cases/?{ALL_FILTERS}"
    client.get(url)
    few = measure(client, url, LIST_PAGE_BUDGET)
    _more_cases(make_case, 30, 3)
    assert measure(client, url, LIST_PAGE_BUDGET) == few


def test_it_shows_the_second_page_in_the_queries_of_the_first(
    make_case, caseworker, login, measure, monkeypatch
):
    monkeypatch.setattr("childpath.cases.views.PAGE_SIZE", 3)
    client = login(caseworker)
    _more_cases(make_case, 9, 0)
    url = "/cases/?sort=activity&overdue=1&turning_18=0"
    client.get(url)
    first = measure(client, "/cases/?sort=activity", LIST_PAGE_BUDGET)
    body = client.get("/cases/?sort=activity").content.decode()
    after = re.search(r"after=([A-Za-z0-9_-]+)", body).group(1)  # type: ignore[union-attr]
    assert measure(client, f"/cases/?sort=activity&after={after}&page=2", LIST_PAGE_BUDGET) == first


def test_it_lists_3_or_30_filtered_cases_through_the_api_in_the_same_queries(
    make_case, caseworker, login, measure
):
    client = login(caseworker)
    _more_cases(make_case, 3, 0)
    url = "/api/v1/cases?stage=concern&coordinator=none&overdue=true&sort=reference"
    client.get(url)
    few = measure(client, url, API_LIST_BUDGET)
    _more_cases(make_case, 30, 3)
    assert measure(client, url, API_LIST_BUDGET) == few

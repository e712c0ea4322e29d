"""Query budgets (STYLE.md practice 6): the age pages cost the same with 1 or 10 assessments."""

import pytest


@pytest.fixture
def measure(django_assert_max_num_queries):
    def count(client, url: str, budget: int = 30) -> int:
        with django_assert_max_num_queries(budget) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured)

    return count


def _more(assess, case, total: int) -> None:
    for _n in range(total):
        assess(case, method="interview", concluded=False, outcome="undetermined")


@pytest.mark.parametrize(
    "url", ["/cases/{ref}/", "/cases/{ref}/age/", "/api/v1/cases/{ref}/age-assessments"]
)
def test_it_costs_the_same_with_1_or_10_assessments(case, assess, caseworker, login, measure, url):
    client = login(caseworker)
    url = url.format(ref=case.reference)
    assess(case)
    client.get(url)
    few = measure(client, url)
    _more(assess, case, 9)
    assert measure(client, url) == few


def test_it_adds_one_query_to_the_case_list(make_case, assess, caseworker, login, measure):
    client = login(caseworker)
    for n in range(3):
        assess(make_case(given_names=f"Testa{n}"))
    client.get("/cases/")
    few = measure(client, "/cases/")
    for n in range(3, 20):
        assess(make_case(given_names=f"Testa{n}"))
    assert measure(client, "/cases/") == few

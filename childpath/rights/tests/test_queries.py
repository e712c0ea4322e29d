"""Query budgets (STYLE.md practice 6): the rights page and API cost the same with 1 or 12
deliveries or provision records."""

from datetime import timedelta

from django.utils import timezone

from childpath.rights import services
from childpath.rights.validation import DeliveryData, ProvisionData

# Measured on SQLite and PostgreSQL: page 20 (session, user, case, the audited read, the
# protection status, identity and age, deliveries, guardian, provision records, the team check,
# the menu), API 17 and 12; a little room to grow.
PAGE_BUDGET = 22
API_RIGHTS_BUDGET = 18
API_DELIVERIES_BUDGET = 14


def _deliveries(case, actor, n: int) -> None:
    for index in range(n):
        services.record_delivery(
            actor=actor,
            case=case,
            data=DeliveryData(
                rights=["interpreter"],
                language="uk",
                formats=["oral"],
                delivered_at=timezone.now() - timedelta(minutes=index + 1),
                understood="yes",
            ),
        )


def _provisions(case, actor, n: int) -> None:
    codes = ["safe_accommodation", "health_care", "interpreter", "assistance"]
    for index in range(n):
        services.record_provision(
            actor=actor,
            case=case,
            data=ProvisionData(
                right=codes[index % len(codes)],
                provided_on=timezone.localdate(),
                declined=index % 3 == 0,
            ),
        )


def _measure(client, url, budget, django_assert_max_num_queries) -> int:
    client.get(url)
    with django_assert_max_num_queries(budget) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_rights_page_costs_the_same_with_more_deliveries(
    unaccompanied_case, caseworker, coordinator, login, django_assert_max_num_queries
):
    client = login(caseworker)
    _deliveries(unaccompanied_case, caseworker, 1)
    services.request_guardian(actor=caseworker, case=unaccompanied_case)
    url = f"/cases/{unaccompanied_case.reference}/rights/"
    _provisions(unaccompanied_case, caseworker, 1)
    few = _measure(client, url, PAGE_BUDGET, django_assert_max_num_queries)
    _deliveries(unaccompanied_case, coordinator, 11)
    _provisions(unaccompanied_case, coordinator, 11)
    assert _measure(client, url, PAGE_BUDGET, django_assert_max_num_queries) == few


def test_the_provision_history_costs_the_same_with_more_records(
    unaccompanied_case, caseworker, coordinator, login, django_assert_max_num_queries
):
    client = login(caseworker)
    url = f"/api/v1/cases/{unaccompanied_case.reference}/rights/safe_accommodation/provisions"
    _provisions(unaccompanied_case, caseworker, 1)
    few = _measure(client, url, API_DELIVERIES_BUDGET, django_assert_max_num_queries)
    _provisions(unaccompanied_case, coordinator, 20)
    assert _measure(client, url, API_DELIVERIES_BUDGET, django_assert_max_num_queries) == few


def test_the_api_costs_the_same_with_more_deliveries(
    unaccompanied_case, caseworker, coordinator, login, django_assert_max_num_queries
):
    client = login(caseworker)
    _deliveries(unaccompanied_case, caseworker, 1)
    _provisions(unaccompanied_case, caseworker, 1)
    base = f"/api/v1/cases/{unaccompanied_case.reference}"
    rights = _measure(client, f"{base}/rights", API_RIGHTS_BUDGET, django_assert_max_num_queries)
    listed = _measure(
        client,
        f"{base}/information-deliveries",
        API_DELIVERIES_BUDGET,
        django_assert_max_num_queries,
    )
    _deliveries(unaccompanied_case, coordinator, 11)
    _provisions(unaccompanied_case, coordinator, 11)
    assert (
        _measure(client, f"{base}/rights", API_RIGHTS_BUDGET, django_assert_max_num_queries)
        == rights
    )
    assert (
        _measure(
            client,
            f"{base}/information-deliveries",
            API_DELIVERIES_BUDGET,
            django_assert_max_num_queries,
        )
        == listed
    )

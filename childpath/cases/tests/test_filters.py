"""The case list's filters and orders, on the page and in the API, and the home cards that
link to them."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from childpath.cases import services
from childpath.cases.models import Case
from childpath.referrals.models import Referral
from childpath.referrals.tests.conftest import make_place, referral_data
from childpath.screening.models import Screening
from conftest import encounter_data

ROW = re.compile(r'<a href="/cases/(CP-[A-Z0-9-]+)/">')
LINK = re.compile(r'<a href="\?([^"]*)">(Previous|Next)</a>')


def _shown(client, query=""):
    response = client.get(f"/cases/?{query}")
    return response.status_code, ROW.findall(response.content.decode())


def _api(client, query=""):
    response = client.get(f"/api/v1/cases?{query}")
    return response.status_code, [row["reference"] for row in response.json().get("results", [])]


def _born_turning_18_in(days: int) -> date:
    birthday = timezone.localdate() + timedelta(days=days)
    return birthday.replace(year=birthday.year - 18)


def _screened(case, user, result, days_ago=1):
    return Screening.objects.create(
        case=case,
        started_by=user,
        organisation=user.organisation,
        result=result,
        completed_at=timezone.now() - timedelta(days=days_ago),
    )


def test_it_filters_by_stage(make_case, caseworker, login):
    concern, presumed = make_case(), make_case()
    Case.objects.filter(pk=presumed.pk).update(stage="presumed")
    assert _shown(login(caseworker), "stage=presumed") == (200, [presumed.reference])
    assert concern.reference in _shown(login(caseworker), "stage=concern")[1]


def test_it_filters_the_open_cases_without_a_coordinator(make_case, caseworker, coordinator, login):
    without, closed, with_one = make_case(), make_case(), make_case()
    Case.objects.filter(pk=closed.pk).update(stage="closed")
    services.set_coordinator(actor=caseworker, case=with_one, coordinator=coordinator)
    assert _shown(login(caseworker), "coordinator=none") == (200, [without.reference])


def test_it_filters_the_cases_i_coordinate(make_case, caseworker, coordinator, login):
    mine = make_case()
    make_case()
    services.set_coordinator(actor=caseworker, case=mine, coordinator=coordinator)
    client = login(coordinator)
    assert _shown(client, "coordinator=me") == (200, [mine.reference])
    assert _shown(login(caseworker), f"coordinator={coordinator.pk}") == (200, [mine.reference])


def test_it_refuses_a_coordinator_from_another_organisation(make_case, caseworker, outsider, login):
    make_case()
    status, shown = _shown(login(caseworker), f"coordinator={outsider.pk}")
    assert (status, shown) == (400, [])


def test_it_filters_the_cases_i_am_on_in_person(make_case, caseworker, login):
    # The frontline reporter is on the team of the cases she opened; the lead agency's
    # caseworker sees them through the organisation, not in person.
    by_bob = make_case(actor=caseworker)
    make_case()
    assert _shown(login(caseworker), "mine=1") == (200, [by_bob.reference])
    assert len(_shown(login(caseworker), "mine=0")[1]) == 2


def test_it_filters_by_the_newest_screening_result(make_case, caseworker, login):
    at_risk, cleared, unscreened = make_case(), make_case(), make_case()
    _screened(at_risk, caseworker, "at_risk")
    _screened(cleared, caseworker, "at_risk", days_ago=5)
    _screened(cleared, caseworker, "no_indication", days_ago=1)
    client = login(caseworker)
    assert _shown(client, "screening=at_risk") == (200, [at_risk.reference])
    assert _shown(client, "screening=no_indication") == (200, [cleared.reference])
    assert _shown(client, "screening=none") == (200, [unscreened.reference])


def test_it_filters_the_cases_with_an_overdue_referral(make_case, caseworker, orgs, login):
    late, on_time = make_case(), make_case()
    place = make_place("Test Shelter Beds", orgs["shelter"], need="safe_accommodation")
    from childpath.referrals import services as referrals

    for case in (late, on_time):
        referrals.send_referral(
            actor=caseworker, case=case, service_at_location=place, data=referral_data()
        )
    past = timezone.now() - timedelta(hours=1)
    Referral.objects.filter(case=late).update(acknowledge_by=past, respond_by=past)
    assert _shown(login(caseworker), "overdue=1") == (200, [late.reference])


def test_it_filters_the_children_turning_18_within_the_notice(make_case, caseworker, login):
    soon = make_case(date_of_birth=_born_turning_18_in(30))
    make_case(date_of_birth=_born_turning_18_in(400))
    make_case(date_of_birth=_born_turning_18_in(-800))
    assert _shown(login(caseworker), "turning_18=1") == (200, [soon.reference])


def test_it_combines_filters(make_case, caseworker, coordinator, login):
    both, only_stage = make_case(), make_case()
    Case.objects.filter(pk__in=[both.pk, only_stage.pk]).update(stage="presumed")
    services.set_coordinator(actor=caseworker, case=only_stage, coordinator=coordinator)
    make_case()
    assert _shown(login(caseworker), "stage=presumed&coordinator=none") == (200, [both.reference])


def test_it_refuses_an_unknown_value_with_a_message(make_case, caseworker, login):
    make_case()
    response = login(caseworker).get("/cases/?stage=lost&sort=sideways")
    body = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in body
    assert ROW.findall(body) == []


def test_it_never_filters_beyond_what_the_user_may_see(make_case, outsider, login):
    make_case()
    assert _shown(login(outsider), "coordinator=none") == (200, [])


@pytest.mark.parametrize("sort", ["activity", "reference", "registered"])
def test_it_pages_every_case_once_in_each_order(sort, make_case, caseworker, login, monkeypatch):
    monkeypatch.setattr("childpath.cases.views.PAGE_SIZE", 2)
    cases = [make_case() for _ in range(5)]
    # Activity on the oldest case puts it first in the "latest activity" order.
    services.record_encounter(actor=caseworker, case=cases[0], encounter=encounter_data())
    expected = {
        "activity": Case.objects.order_by("-last_activity_at", "-id"),
        "reference": Case.objects.order_by("reference"),
        "registered": Case.objects.order_by("-created_at", "-id"),
    }[sort]
    client = login(caseworker)
    seen, query = [], f"sort={sort}"
    while True:
        body = client.get(f"/cases/?{query}").content.decode()
        seen += ROW.findall(body)
        links = {label: href.replace("&amp;", "&") for href, label in LINK.findall(body)}
        if "Next" not in links:
            break
        query = links["Next"]
        assert f"sort={sort}" in query
    assert seen == [case.reference for case in expected]
    if sort == "activity":
        assert seen[0] == cases[0].reference


def test_the_filters_form_works_without_javascript(make_case, caseworker, login):
    body = login(caseworker).get("/cases/").content.decode()
    form = body[body.index('<form method="get"') :]
    form = form[: form.index("</form>")]
    for name in ("stage", "coordinator", "mine", "screening", "overdue", "turning_18", "sort"):
        assert f'name="{name}"' in form
        assert f'<label for="id_{name}">' in form
    assert form.count('type="submit"') == 1


# The API's list.


def test_the_api_filters_as_the_page_does(make_case, caseworker, coordinator, api_login):
    without, with_one = make_case(), make_case()
    services.set_coordinator(actor=caseworker, case=with_one, coordinator=coordinator)
    client = api_login(caseworker)
    assert _api(client, "coordinator=none") == (200, [without.reference])
    assert _api(client, "coordinator=me") == (200, [])


def test_the_api_refuses_an_unknown_filter_value(make_case, caseworker, api_login):
    response = api_login(caseworker).get("/api/v1/cases?stage=lost")
    assert response.status_code == 400
    assert "stage" in response.json()


def test_the_api_pages_by_position(make_case, caseworker, api_login, monkeypatch):
    monkeypatch.setattr("childpath.lib.pagination.KeysetPagination.page_size", 2)
    made = [make_case().reference for _ in range(5)]
    client = api_login(caseworker)
    seen, url = [], "/api/v1/cases?sort=reference"
    while url:
        body = client.get(url).json()
        seen += [row["reference"] for row in body["results"]]
        url = body["next"]
        assert url is None or ("after=" in url and "sort=reference" in url)
    assert seen == sorted(made)


def test_the_api_schema_describes_the_filters(caseworker, api_login):
    schema = api_login(caseworker).get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/cases"]["get"]["parameters"]}
    for name in ("stage", "coordinator", "mine", "screening", "overdue", "turning_18", "sort"):
        assert name in parameters
    assert "presumed" in parameters["stage"]["schema"]["enum"]
    assert "at_risk" in parameters["screening"]["schema"]["enum"]
    assert {"after", "before"} <= set(parameters)


# The home cards.


def test_the_home_card_links_to_the_cases_without_a_coordinator(make_case, caseworker, login):
    make_case()
    body = login(caseworker).get("/").content.decode()
    assert 'href="/cases/?coordinator=none"' in body


def test_a_frontline_worker_gets_no_card_about_coordinators(make_case, frontline, login):
    make_case()
    body = login(frontline).get("/").content.decode()
    assert "Without a coordinator" not in body
    assert "Your cases" in body


def test_people_who_work_in_the_pages_only_get_no_api_link(frontline, provider, panel, login):
    for user in (frontline, provider, panel):
        assert "/api/v1/docs/" not in login(user).get("/").content.decode()


def test_a_caseworker_gets_the_api_link(caseworker, login):
    assert "/api/v1/docs/" in login(caseworker).get("/").content.decode()

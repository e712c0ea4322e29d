"""Turning 18: the warning on the case page and the home card, in time (time-machine).

The demo profile (SE) warns 180 days before the 18th birthday. All data are fictional.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import RequestFactory

from childpath.age_assessment import services
from childpath.age_assessment.sections import home_card
from childpath.age_assessment.tests.conftest import born_turning_18_in, handover_data
from childpath.cases import services as case_services
from childpath.cases.models import Stage

START = date(2026, 3, 2)
NOON = ZoneInfo("Europe/Stockholm")
WARNING = "There is no handover plan yet."


def _at(day: date) -> time_machine.travel:
    return time_machine.travel(datetime(day.year, day.month, day.day, 12, tzinfo=NOON), tick=False)


def _page(login, user, case) -> str:
    return login(user).get(f"/cases/{case.reference}/").content.decode()


@pytest.fixture
def turning(make_case, caseworker, coordinator):
    """Opened on START; turns 18 exactly 181 days later; Carol coordinates."""
    with _at(START):
        case = make_case(date_of_birth=born_turning_18_in(181, START))
        case_services.set_coordinator(actor=caseworker, case=case, coordinator=coordinator)
    return case


def test_it_does_not_warn_before_the_notice(turning, coordinator, login):
    with _at(START):
        assert WARNING not in _page(login, coordinator, turning)


def test_it_warns_when_the_notice_begins(turning, coordinator, login):
    with _at(START + timedelta(days=1)):
        body = _page(login, coordinator, turning)
    assert WARNING in body
    assert "Turns 18 in 180 days" in body
    assert f"/cases/{turning.reference}/age/handover/" in body


def test_it_says_which_basis_the_date_comes_from(turning, coordinator, login):
    with _at(START):
        assert "from the date of birth" in _page(login, coordinator, turning)


def test_it_keeps_warning_after_the_birthday_until_a_plan(turning, coordinator, login):
    with _at(START + timedelta(days=190)):
        body = _page(login, coordinator, turning)
    assert WARNING in body
    assert "Turned 18 on" in body


def test_it_warns_on_the_birthday(turning, coordinator, login):
    with _at(START + timedelta(days=181)):
        assert "Turns 18 today." in _page(login, coordinator, turning)


def test_it_stops_warning_once_a_plan_is_recorded(turning, coordinator, login):
    with _at(START + timedelta(days=30)):
        services.record_handover_plan(actor=coordinator, case=turning, plan=handover_data())
        body = _page(login, coordinator, turning)
    assert WARNING not in body
    assert "Test Adult Social Services" in body


def test_it_asks_a_viewer_to_turn_to_the_coordinator(turning, caseworker, provider, orgs, login):
    case_services.add_team_member(
        actor=caseworker, case=turning, organisation=orgs["shelter"], user=provider, access="view"
    )
    with _at(START + timedelta(days=30)):
        body = _page(login, provider, turning)
    assert "Ask the coordinator to record a handover plan." in body


def test_it_does_not_warn_for_someone_already_18_when_the_case_opened(
    make_case, coordinator, login
):
    with _at(START):
        case = make_case(date_of_birth=date(2006, 1, 1))
        case_services.set_coordinator(actor=coordinator, case=case, coordinator=coordinator)
        assert WARNING not in _page(login, coordinator, case)


def test_it_warns_from_the_claimed_age(make_case, login, caseworker):
    with _at(START):
        case = make_case(date_of_birth=None, claimed_age=17)
    with _at(START + timedelta(days=200)):
        body = _page(login, caseworker, case)
    assert WARNING in body
    assert "from the age the child gave" in body


def test_it_warns_from_the_assessed_lower_bound(make_case, assess, caseworker, login):
    with _at(START):
        case = make_case(date_of_birth=None, claimed_age=15, age_disputed=True)
        assess(case, minimum_age=17, maximum_age=19)
    with _at(START + timedelta(days=200)):
        body = _page(login, caseworker, case)
    assert WARNING in body
    assert "from the lowest assessed age" in body


# --------------------------------------------------------------------------- the home card

CARD = "Turning 18 without a handover plan"


def _card(body: str) -> str:
    """The card alone: the home page also lists recent cases."""
    start = body.index('aria-labelledby="turning-18-h"')
    return body[start : body.index("</section>", start)]


def test_it_lists_the_case_on_the_coordinators_home_with_days_left(turning, coordinator, login):
    with _at(START + timedelta(days=100)):
        body = login(coordinator).get("/").content.decode()
    assert CARD in body
    assert turning.reference in body
    assert "Turns 18 in 81 days" in body


def test_it_leaves_the_case_off_the_home_card_before_the_notice(turning, coordinator, login):
    with _at(START):
        body = login(coordinator).get("/").content.decode()
    assert CARD in body
    assert turning.reference not in _card(body)


def test_it_leaves_a_planned_case_off_the_home_card(turning, coordinator, login):
    with _at(START + timedelta(days=100)):
        services.record_handover_plan(actor=coordinator, case=turning, plan=handover_data())
        body = login(coordinator).get("/").content.decode()
    assert turning.reference not in _card(body)


def test_it_leaves_a_closed_case_off_the_home_card(turning, coordinator, login):
    type(turning).objects.filter(pk=turning.pk).update(stage=Stage.CLOSED)
    with _at(START + timedelta(days=100)):
        body = login(coordinator).get("/").content.decode()
    assert turning.reference not in _card(body)


def test_it_lists_a_young_person_who_turned_18_without_a_plan(turning, coordinator, login):
    with _at(START + timedelta(days=200)):
        body = login(coordinator).get("/").content.decode()
    assert turning.reference in _card(body)


@pytest.mark.parametrize("persona", ["frontline", "provider", "panel"])
def test_it_shows_no_home_card_to_other_roles(request, turning, login, persona):
    with _at(START + timedelta(days=100)):
        body = login(request.getfixturevalue(persona)).get("/").content.decode()
    assert CARD not in body


def test_it_shows_no_case_the_user_may_not_see(turning, outsider, login):
    with _at(START + timedelta(days=100)):
        body = login(outsider).get("/").content.decode()
    assert CARD in body
    assert turning.reference not in body


def test_it_builds_the_home_card_in_the_same_queries_for_3_or_30_cases(
    make_case, caseworker, login, django_assert_max_num_queries
):
    request = RequestFactory().get("/")
    request.user = caseworker

    def count() -> int:
        with _at(START + timedelta(days=100)), django_assert_max_num_queries(2) as captured:
            card = home_card(request)
        assert card is not None
        return len(captured)

    with _at(START):
        for n in range(3):
            make_case(given_names=f"Testa{n}", date_of_birth=born_turning_18_in(150 + n, START))
    few = count()
    with _at(START):
        for n in range(3, 30):
            make_case(given_names=f"Testa{n}", date_of_birth=born_turning_18_in(150 + n, START))
    assert count() == few
    with _at(START + timedelta(days=100)):
        assert len(home_card(request)["soon"]) == 10
        assert home_card(request)["more"] == 20

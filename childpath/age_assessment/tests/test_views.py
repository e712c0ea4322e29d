"""The age pages, persona by persona (STYLE.md practice 5). All data are fictional."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from childpath.age_assessment.models import AgeAssessment, HandoverPlan
from childpath.audit.models import AuditEvent
from conftest import verified_client

MAY_EDIT = ["frontline", "caseworker", "coordinator"]
NOT_ON_TEAM = ["outsider", "provider", "panel"]
NO_CASES = ["analyst", "administrator"]
PAGES = ["", "handover/"]


def _url(case, page: str = "") -> str:
    return f"/cases/{case.reference}/age/{page}"


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "method": "multidisciplinary",
        "minimum_age": "15",
        "maximum_age": "17",
        "assessed_on": timezone.localdate().isoformat(),
        "outcome": "child",
        "concluded": "on",
        "notes": "Fictional reasoning.",
    }
    data.update(overrides)
    return data


def _plan(**overrides: str) -> dict[str, str]:
    data = {
        "adult_services": "Test Adult Social Services",
        "handed_over": "Fictional: contacts and open referrals.",
        "agreed_with_young_person": "yes",
        "agreed_on": timezone.localdate().isoformat(),
    }
    data.update(overrides)
    return data


# --------------------------------------------------------------------------- who may


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("persona", MAY_EDIT)
def test_it_shows_the_pages_to_the_case_team(request, case, login, persona, page):
    response = login(request.getfixturevalue(persona)).get(_url(case, page))
    assert response.status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_it_shows_the_pages_read_only_to_a_viewer(case, viewer, login, page):
    response = login(viewer).get(_url(case, page))
    assert response.status_code == 200
    assert "You can read this case but not change it." in response.content.decode()


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("persona", ["outsider", "panel"])
def test_it_hides_the_pages_from_others(request, case, login, persona, page):
    response = login(request.getfixturevalue(persona)).get(_url(case, page))
    assert response.status_code == 404


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("persona", NO_CASES)
def test_it_refuses_the_roles_that_never_see_a_case(request, case, login, persona, page):
    response = login(request.getfixturevalue(persona)).get(_url(case, page))
    assert response.status_code == 403


@pytest.mark.parametrize("page", PAGES)
def test_it_sends_the_anonymous_to_sign_in(case, page):
    response = Client().get(_url(case, page))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


@pytest.mark.parametrize("persona", MAY_EDIT)
def test_it_lets_the_case_team_record_an_assessment(request, case, login, persona):
    response = login(request.getfixturevalue(persona)).post(_url(case), _form())
    assert response.status_code == 302
    assert AgeAssessment.objects.filter(case=case).count() == 1


def test_it_refuses_an_assessment_from_a_viewer(case, viewer, login):
    assert login(viewer).post(_url(case), _form()).status_code == 403
    assert not AgeAssessment.objects.exists()


@pytest.mark.parametrize("persona", NOT_ON_TEAM)
def test_it_refuses_an_assessment_from_outside_the_team(request, case, login, persona):
    assert login(request.getfixturevalue(persona)).post(_url(case), _form()).status_code == 404
    assert not AgeAssessment.objects.exists()


@pytest.mark.parametrize("persona", ["caseworker", "coordinator"])
def test_it_lets_the_case_team_record_a_handover_plan(request, case, login, persona):
    response = login(request.getfixturevalue(persona)).post(_url(case, "handover/"), _plan())
    assert response.status_code == 302
    assert response.url == f"/cases/{case.reference}/"
    assert HandoverPlan.objects.get(case=case).agreed_with_young_person


def test_it_refuses_a_handover_plan_from_a_viewer(case, viewer, login):
    assert login(viewer).post(_url(case, "handover/"), _plan()).status_code == 403
    assert not HandoverPlan.objects.exists()


def test_it_hides_the_handover_plans_from_outside_the_team(case, outsider, login):
    assert login(outsider).post(_url(case, "handover/"), _plan()).status_code == 404


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"minimum_age": "17", "maximum_age": "15"}, "The lowest age cannot be above the highest"),
        ({"maximum_age": "40"}, "Enter an age between 0 and 30."),
        ({"minimum_age": "-2"}, "Enter an age between 0 and 30."),
        ({"assessed_on": "2999-01-01"}, "The date cannot be in the future."),
        ({"minimum_age": "", "maximum_age": ""}, "needs the age range"),
        ({"outcome": "adult"}, "the outcome cannot be adult"),
        ({"method": "medical"}, "A medical examination is a last resort"),
        ({"method": ""}, "This field is required."),
    ],
)
def test_it_explains_bad_input_next_to_the_field(case, caseworker, login, overrides, message):
    response = login(caseworker).post(_url(case), _form(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'class="error"' in response.content.decode()
    assert not AgeAssessment.objects.exists()


def test_it_explains_a_bad_handover_plan(case, caseworker, login):
    future = (timezone.localdate() + timedelta(days=2)).isoformat()
    response = login(caseworker).post(
        _url(case, "handover/"), _plan(adult_services="", agreed_on=future)
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in body
    assert not HandoverPlan.objects.exists()


# --------------------------------------------------------------------------- what it shows


def test_it_lists_the_assessments_with_their_notes(case, assess, caseworker, login):
    assess(case, notes="Fictional note of the panel.")
    body = login(caseworker).get(_url(case)).content.decode()
    assert "Fictional note of the panel." in body
    assert "15 to 17 years" in body


def test_it_audits_reading_the_notes(case, caseworker, login):
    login(caseworker).get(_url(case))
    event = AuditEvent.objects.filter(action="case.read").latest("id")
    assert event.fields == ["age_assessments"]


def test_it_explains_each_method(case, caseworker, login):
    body = login(caseworker).get(_url(case)).content.decode()
    assert "Only as a last resort" in body


def test_it_shows_the_lower_bound_on_the_case_page(disputed_case, assess, caseworker, login):
    assess(disputed_case)
    body = login(caseworker).get(f"/cases/{disputed_case.reference}/").content.decode()
    assert "the lowest age of the assessed range (benefit of the doubt)" in body
    assert "Multidisciplinary assessment" in body
    assert "The child is 15 years old." in body


def test_it_shows_a_doubtful_age_as_treated_as_a_child(disputed_case, caseworker, login):
    body = login(caseworker).get(f"/cases/{disputed_case.reference}/").content.decode()
    assert "In doubt: treated as a child." in body


def test_it_shows_an_open_assessment_as_in_doubt(case, assess, caseworker, login):
    assess(case, concluded=False, outcome="undetermined", minimum_age=None, maximum_age=None)
    body = login(caseworker).get(f"/cases/{case.reference}/").content.decode()
    assert "In doubt: treated as a child." in body
    assert "not concluded" in body


def test_it_points_an_assessed_adult_to_the_age_at_the_time(
    disputed_case, assess, caseworker, login
):
    assess(disputed_case, minimum_age=19, maximum_age=21, outcome="adult")
    body = login(caseworker).get(f"/cases/{disputed_case.reference}/").content.decode()
    assert "still assessed under the child rule" in body
    assert "Treated as a child" not in body


# --------------------------------------------------------------------------- languages


@pytest.mark.parametrize("code", ["sv", "bg", "sr", "sr-latn", "es", "uk"])
def test_it_shows_the_age_section_in_the_users_language(disputed_case, assess, caseworker, code):
    import re

    from django.utils.html import escape
    from django.utils.translation import gettext, override

    assess(disputed_case)
    client = Client()
    verified_client(caseworker, client)
    body = client.get(f"/cases/{disputed_case.reference}/", HTTP_ACCEPT_LANGUAGE=code)
    html = body.content.decode()
    with override(code):
        heading = gettext("Age and turning 18")
        lower = gettext("the lowest age of the assessed range (benefit of the doubt)")
    assert heading != "Age and turning 18"
    assert escape(heading) in html
    assert escape(lower) in html
    if code == "sr-latn":
        section = html[
            html.index('id="age-h"') : html.index("</section>", html.index('id="age-h"'))
        ]
        assert not re.search("[\u0400-\u04ff]", section)

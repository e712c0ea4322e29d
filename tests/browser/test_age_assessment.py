"""A caseworker records an age assessment in a real browser (DESIGN.md rule 3).

A young person says 16 and nobody can confirm it: the case page says the age is in doubt and
treats the person as a child. The caseworker records a concluded multidisciplinary assessment
(15 to 17); the lower bound, 15, becomes the age that counts. A range upside down is refused
next to the field first. axe-core checks every page on the way (WCAG 2.2 AA), at phone size too.
"""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from childpath.accounts.models import User
from childpath.age_assessment.models import AgeAssessment
from childpath.cases.models import Case
from tests.browser.conftest import axe_check, login, requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]

PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture
def disputed(make_case) -> Case:
    return make_case(date_of_birth=None, claimed_age=16, age_disputed=True)


def _fill(page: Page, *, low: str, high: str) -> None:
    page.get_by_label("Multidisciplinary assessment").check()
    page.get_by_label("Lowest age (years)").fill(low)
    page.get_by_label("Highest age (years)").fill(high)
    page.get_by_label("Date of the assessment").fill(timezone.localdate().isoformat())
    page.get_by_role("group", name="Outcome").get_by_label("A child").check()
    page.get_by_label("The assessment is concluded").check()
    page.get_by_label("Notes").fill("Fictional: three meetings with an interpreter.")


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_caseworker_records_an_age_assessment(
    page: Page, live_server: LiveServer, caseworker: User, disputed: Case, viewport
) -> None:
    if viewport:
        page.set_viewport_size(viewport)
    login(page, live_server, caseworker)
    page.goto(f"{live_server.url}/cases/{disputed.reference}/")
    age = page.get_by_role("region", name="Age and turning 18")
    expect(age).to_contain_text("In doubt: treated as a child.")
    axe_check(page)

    age.get_by_role("link", name="Record an age assessment").click()
    expect(page.get_by_role("heading", level=1, name="Age assessments")).to_be_visible()
    axe_check(page)

    _fill(page, low="17", high="15")
    page.get_by_role("button", name="Record the assessment").click()
    expect(page.get_by_role("alert")).to_contain_text("The lowest age cannot be above")
    axe_check(page)
    assert not AgeAssessment.objects.exists()

    _fill(page, low="15", high="17")
    page.get_by_role("button", name="Record the assessment").click()
    expect(page.get_by_role("status")).to_contain_text("The age assessment is recorded.")
    expect(page.get_by_role("table")).to_contain_text("15 to 17 years")
    axe_check(page)

    page.get_by_role("link", name=disputed.reference).click()
    age = page.get_by_role("region", name="Age and turning 18")
    expect(age).to_contain_text("the lowest age of the assessed range")
    expect(page.get_by_role("note").first).to_contain_text("The child is 15 years old.")
    axe_check(page)
    assert AgeAssessment.objects.get(case=disputed).minimum_age == 15

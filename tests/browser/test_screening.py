"""A caseworker screens a child on a phone, one theme at a time, and reads the result.

Issue 3: a full screening in a real browser at phone size, with axe-core on every page. The
child is an unaccompanied boy of uncertain age forced to sell drugs (fictional): the engine's
child rule applies by presumption of minority and the result is "presumed victim".
"""

import pytest
from playwright.sync_api import Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from childpath.accounts.models import User
from childpath.cases.models import Case, Stage
from childpath.screening.models import Screening
from tests.browser.conftest import axe_check, login, requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]

PHONE: ViewportSize = {"width": 390, "height": 844}
# What the caseworker learns; every other indicator stays unanswered (counted as not known).
ANSWERS = {
    "clc_forced_criminality": "I saw it",
    "risk_unaccompanied_migrant": "I saw it",
    "clc_no_access_to_parents": "I was told (by the child or someone else)",
}


def _answer_theme(page: Page) -> None:
    for indicator, label in ANSWERS.items():
        radio = page.locator(f"input[name='status__{indicator}']")
        if radio.count():
            page.locator(f"fieldset:has(input[name='status__{indicator}'])").get_by_label(
                label, exact=True
            ).check()


def test_it_screens_a_child_on_a_phone_and_explains_the_result(
    page: Page, live_server: LiveServer, caseworker: User, make_case
) -> None:
    case: Case = make_case(
        given_names="Testov",
        family_name="Primer",
        sex="male",
        date_of_birth=None,
        claimed_age=16,
        age_disputed=True,
        unaccompanied="yes",
    )
    page.set_viewport_size(PHONE)
    login(page, live_server, caseworker)
    page.goto(f"{live_server.url}/cases/{case.reference}/")
    page.get_by_role("button", name="Start a screening").click()

    # The age page: a doubtful age starts as uncertain, so the child rule applies.
    expect(page.get_by_role("heading", level=1, name="Screening")).to_be_visible()
    expect(page.get_by_label("The age is uncertain or disputed")).to_be_checked()
    axe_check(page)
    page.get_by_role("button", name="Continue").click()

    themes = 0
    while page.get_by_text("You could ask:").first.is_visible():
        themes += 1
        if themes == 1:
            axe_check(page)
        _answer_theme(page)
        page.get_by_role("button", name="Save and", exact=False).first.click()
        assert themes < 20, "the screening never reached its overview"
    assert themes >= 5

    expect(page.get_by_role("button", name="Complete and see the result")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Complete and see the result").click()

    expect(page.get_by_role("heading", name="Presumed victim of trafficking")).to_be_visible()
    expect(page.get_by_text("The child's rights apply now", exact=False)).to_be_visible()
    expect(page.get_by_text("presumption of minority", exact=False).first).to_be_visible()
    axe_check(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the result page is {width}px wide on a phone"

    screening = Screening.objects.get(case=case)
    assert screening.result == "presumed_victim"
    assert screening.rule == "child"
    assert screening.observations["clc_forced_criminality"] == "observed"
    case.refresh_from_db()
    assert case.stage == Stage.PRESUMED


def test_it_saves_a_screening_to_finish_later(
    page: Page, live_server: LiveServer, caseworker: User, case: Case
) -> None:
    login(page, live_server, caseworker)
    page.goto(f"{live_server.url}/cases/{case.reference}/")
    page.get_by_role("button", name="Start a screening").click()
    page.get_by_role("button", name="Continue").click()
    first = page.locator("fieldset.indicator").first
    first.get_by_label("I suspect it", exact=True).check()
    first.get_by_label("Note").fill("Fictional note.")
    page.get_by_role("button", name="Save and finish later").click()

    expect(page.get_by_text("You can continue this screening later")).to_be_visible()
    expect(page.get_by_text("in progress")).to_be_visible()
    screening = Screening.objects.get(case=case)
    assert not screening.is_complete
    assert "suspected" in screening.observations.values()
    assert list((screening.notes or {}).values()) == ["Fictional note."]

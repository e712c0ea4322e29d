"""Finding a child on a phone and a laptop: a search by one name shows the names that tell two
Miras apart; the filters are a labelled form with one button that works without JavaScript;
a home card leads to its list; axe-core on every page (WCAG 2.2 AA)."""

import pytest
from playwright.sync_api import Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from childpath.accounts.models import User
from childpath.cases import services
from childpath.cases.models import Case
from tests.browser.conftest import axe_check, login, requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]

PHONE: ViewportSize = {"width": 390, "height": 844}
LAPTOP: ViewportSize = {"width": 1280, "height": 800}
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])


def _width(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


@pytest.fixture
def two_miras(make_case, caseworker: User) -> tuple[Case, Case]:
    petrova = make_case(given_names="Mira", family_name="Petrova", aliases=["Mimi"])
    novak = make_case(given_names="Mira Ana", family_name="Novak")
    # A different name, not a longer Mira: each word is matched whole.
    make_case(given_names="Miriam", family_name="Petrova")
    return petrova, novak


@VIEWPORTS
def test_a_search_by_one_name_tells_two_miras_apart(
    page: Page,
    live_server: LiveServer,
    caseworker: User,
    two_miras: tuple[Case, Case],
    viewport: ViewportSize,
) -> None:
    page.set_viewport_size(viewport)
    login(page, live_server, caseworker)
    page.goto(f"{live_server.url}/cases/")
    axe_check(page)
    page.get_by_label("Name, alias or reference").fill("mira")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="2 cases found")).to_be_visible()
    rows = page.locator("table.cases tbody tr")
    expect(rows).to_have_count(2)
    expect(page.locator("table.cases")).to_contain_text("Mira Petrova")
    expect(page.locator("table.cases")).to_contain_text("Mira Ana Novak")
    expect(page.locator("table.cases")).not_to_contain_text("Miriam")
    # The name never travels in the address.
    assert "mira" not in page.url.lower()
    assert _width(page) <= viewport["width"], f"the results are {_width(page)}px wide"
    axe_check(page)


@VIEWPORTS
def test_the_filters_narrow_and_sort_the_list(
    page: Page,
    live_server: LiveServer,
    caseworker: User,
    coordinator: User,
    make_case,
    viewport: ViewportSize,
) -> None:
    coordinated = make_case(given_names="Testa")
    without = make_case(given_names="Testb")
    services.set_coordinator(actor=caseworker, case=coordinated, coordinator=coordinator)
    page.set_viewport_size(viewport)
    login(page, live_server, caseworker)
    page.goto(f"{live_server.url}/cases/")
    page.get_by_label("Coordinator").select_option("none")
    page.get_by_label("Sort by").select_option("activity")
    page.get_by_role("button", name="Apply").click()
    assert "coordinator=none" in page.url and "sort=activity" in page.url
    rows = page.locator("table.cases tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(without.reference)
    # The form shows what is chosen, and a way back to everything.
    expect(page.get_by_label("Coordinator")).to_have_value("none")
    expect(page.get_by_role("link", name="Clear the filters")).to_be_visible()
    assert _width(page) <= viewport["width"], f"the list is {_width(page)}px wide"
    axe_check(page)


def test_the_home_card_leads_to_its_list(
    page: Page, live_server: LiveServer, caseworker: User, make_case
) -> None:
    make_case(given_names="Testa")
    page.set_viewport_size(PHONE)
    login(page, live_server, caseworker)
    page.get_by_role("link", name="See the cases without a coordinator").click()
    assert "coordinator=none" in page.url
    expect(page.locator("table.cases tbody tr")).to_have_count(1)
    axe_check(page)

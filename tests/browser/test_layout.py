"""Layout on a phone and a laptop: a compact header with a Menu button, text that wraps however
long a word is, tables that become stacked rows; axe-core on every page (WCAG 2.2 AA, 1.4.10)."""

import pytest
from playwright.sync_api import Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from childpath.accounts.models import User
from childpath.cases.models import Case
from tests.browser.conftest import axe_check, login, main_menu, requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]

PHONE: ViewportSize = {"width": 390, "height": 844}
LAPTOP: ViewportSize = {"width": 1280, "height": 800}
# A pasted advert address: one "word" of 300 characters.
LONG_WORD = "https://fictional-adverts.example/escort/" + "x" * 260


def _width(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


@pytest.fixture
def long_case(make_case) -> Case:
    case: Case = make_case(given_names="Testa" + "a" * 80, family_name=LONG_WORD[:120])
    encounter = case.encounters.get()
    encounter.place = LONG_WORD
    encounter.observations = f"Fictional: advert seen at {LONG_WORD}"
    encounter.save()
    return case


def test_on_a_phone_the_header_is_compact_and_the_menu_opens(
    page: Page, live_server: LiveServer, caseworker: User
) -> None:
    page.set_viewport_size(PHONE)
    login(page, live_server, caseworker)
    header = page.locator("header.top").bounding_box()
    assert header is not None and header["height"] <= 80, f"the header is {header} on a phone"
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    menu = main_menu(page)
    expect(menu.get_by_role("link", name="Cases")).to_be_visible()
    sign_out = page.get_by_role("button", name="Sign out").bounding_box()
    assert sign_out is not None and sign_out["height"] < 48, "Sign out wraps"
    axe_check(page)


def test_on_a_laptop_the_menu_is_always_open(
    page: Page, live_server: LiveServer, caseworker: User
) -> None:
    page.set_viewport_size(LAPTOP)
    login(page, live_server, caseworker)
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Cases")
    ).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).not_to_contain_text("API")


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_a_long_word_wraps_on_the_case_page(
    page: Page, live_server: LiveServer, caseworker: User, long_case: Case, viewport: ViewportSize
) -> None:
    page.set_viewport_size(viewport)
    login(page, live_server, caseworker)
    page.goto(f"{live_server.url}/cases/{long_case.reference}/")
    assert _width(page) <= viewport["width"], f"the case page is {_width(page)}px wide"
    axe_check(page)


def test_on_a_phone_tables_become_stacked_rows(
    page: Page, live_server: LiveServer, caseworker: User, long_case: Case, make_case
) -> None:
    make_case(given_names="Testb")
    page.set_viewport_size(PHONE)
    login(page, live_server, caseworker)
    page.goto(f"{live_server.url}/cases/")
    assert _width(page) <= PHONE["width"]
    row = page.locator("table.cases tbody tr").first
    assert row.evaluate("e => getComputedStyle(e).display") == "block"
    label = row.locator("td").last.evaluate("e => getComputedStyle(e, '::before').content")
    assert "Registered" in label
    region = page.locator(".table-scroll").first
    assert region.evaluate("e => e.scrollWidth <= e.clientWidth"), "the case list scrolls sideways"
    axe_check(page)

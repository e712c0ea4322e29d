"""A teacher records a concern in a real browser, then finds the child again.

The flow of DESIGN.md section 5 as a frontline professional lives it: sign in, "Record a
concern", a child whose age nobody knows (treated as a child, rule 3), a lead agency, then a
search by name (and by name and date of birth) from the Cases page. axe-core checks every page
on the way (WCAG 2.2 AA, section 6.8); the flow also runs at phone size.
"""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone, translation
from playwright.sync_api import Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from childpath.accounts.models import Organisation, User
from childpath.cases.models import Case
from tests.browser.conftest import axe_check, login, main_menu, requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]

PHONE: ViewportSize = {"width": 390, "height": 844}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def record_concern(
    page: Page,
    *,
    given_names: str,
    family_name: str,
    date_of_birth: str = "",
    check_accessibility: bool = True,
) -> None:
    """Open "Record a concern" from the navigation, fill it in and send it."""
    main_menu(page).get_by_role("link", name="Record a concern").click()
    expect(page.get_by_role("heading", level=1, name="Record a concern")).to_be_visible()
    if check_accessibility:
        axe_check(page)
    page.get_by_label("How did the child come to your notice?").select_option("school")
    page.get_by_label("When", exact=True).fill("2026-01-12")
    page.get_by_label("Where").fill("Test School, schoolyard")
    page.get_by_label("What you saw or heard").fill("Fictional: picked up by unknown adults.")
    page.get_by_label("Given names").fill(given_names)
    page.get_by_label("Family name").fill(family_name)
    if date_of_birth:
        page.get_by_label("Date of birth").fill(date_of_birth)
    # Facts are never preselected: "Not known" is an answer the professional gives.
    page.get_by_label("Sex / gender").select_option(label="Not known")
    page.get_by_label("Migration status").select_option(label="Not known")
    page.get_by_label("Unaccompanied or separated from parents").select_option(label="Not known")
    page.get_by_label("Lead agency to inform").select_option(label="Test Social Services")
    page.get_by_role("button", name="Record the concern").click()


def case_reference(page: Page) -> str:
    page.wait_for_url(re.compile(r"/cases/CP-[A-Z0-9]{4}-[A-Z0-9]{4}/$"))
    return page.url.rstrip("/").rsplit("/", 1)[-1]


def search(page: Page, *, name: str, date_of_birth: str = "") -> None:
    main_menu(page).get_by_role("link", name="Cases").click()
    search_form = page.get_by_role("search", name="Find a child")
    search_form.get_by_label("Name, alias or reference", exact=True).fill(name)
    if date_of_birth:
        search_form.get_by_label("Date of birth").fill(date_of_birth)
    search_form.get_by_role("button", name="Search").click()


def assert_fits_the_screen(page: Page) -> None:
    """Nothing may make the whole page scroll sideways on a phone (WCAG 1.4.10 Reflow)."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a {PHONE['width']}px phone"


def test_frontline_records_a_child_of_unknown_age_and_finds_the_case(
    page: Page, live_server: LiveServer, frontline: User, orgs: dict[str, Organisation]
) -> None:
    login(page, live_server, frontline)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    axe_check(page)

    record_concern(page, given_names="Mira", family_name="Okänd")
    reference = case_reference(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text(reference)
    expect(page.get_by_text("Treated as a child", exact=True)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text(f"Case {reference} is open")
    axe_check(page)

    case = Case.objects.get(reference=reference)
    assert case.identity.birth_date is None
    assert case.claimed_age is None
    assert case.members.filter(organisation=orgs["social"]).exists()

    search(page, name="Mira Okänd")
    expect(page.get_by_role("heading", name="1 case found")).to_be_visible()
    expect(page.get_by_role("link", name=reference)).to_be_visible()
    axe_check(page)

    # A second child, with a date of birth: name and date of birth together find it.
    record_concern(
        page,
        given_names="Lina",
        family_name="Exempel",
        date_of_birth="2011-03-05",
        check_accessibility=False,
    )
    second = case_reference(page)
    expect(page.get_by_text("The child is", exact=False)).to_be_visible()
    search(page, name="Lina Exempel", date_of_birth="2011-03-05")
    expect(page.get_by_role("heading", name="1 case found")).to_be_visible()
    expect(page.get_by_role("link", name=second)).to_be_visible()
    expect(page.get_by_role("link", name=reference)).to_have_count(0)
    axe_check(page)

    # The wrong date of birth finds nothing: the search is exact, not fuzzy.
    search(page, name="Lina Exempel", date_of_birth="2011-03-06")
    expect(page.get_by_role("heading", name="0 cases found")).to_be_visible()


def test_a_date_of_birth_in_the_future_is_refused_next_to_the_field(
    page: Page, live_server: LiveServer, frontline: User, orgs: dict[str, Organisation]
) -> None:
    login(page, live_server, frontline)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    record_concern(page, given_names="Tova", family_name="Framtid", date_of_birth=tomorrow)

    field = page.locator(".field.has-error", has=page.get_by_label("Date of birth"))
    expect(field).to_have_count(1)
    expect(field.locator(".error")).to_have_text("The date of birth cannot be in the future.")
    # Screen readers hear the error with the field, not only in the summary at the top.
    date_of_birth = page.get_by_label("Date of birth")
    expect(date_of_birth).to_have_attribute("aria-invalid", "true")
    expect(date_of_birth).to_have_accessible_description(re.compile("cannot be in the future"))
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    # What was typed is kept, so nothing has to be entered twice.
    expect(page.get_by_label("Given names")).to_have_value("Tova")
    axe_check(page)
    assert Case.objects.count() == 0


def test_the_register_flow_works_at_phone_size(
    page: Page, live_server: LiveServer, frontline: User, orgs: dict[str, Organisation]
) -> None:
    page.set_viewport_size(PHONE)
    login(page, live_server, frontline)
    record_concern(page, given_names="Sami", family_name="Mobil")
    reference = case_reference(page)
    expect(page.get_by_text("Treated as a child", exact=True)).to_be_visible()
    axe_check(page)
    assert_fits_the_screen(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "case-phone.png"), full_page=True)

    search(page, name="Sami Mobil")
    expect(page.get_by_role("link", name=reference)).to_be_visible()
    axe_check(page)
    assert_fits_the_screen(page)


def test_the_language_switcher_changes_the_page_language(
    page: Page, live_server: LiveServer, frontline: User
) -> None:
    login(page, live_server, frontline)
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_label("Language").select_option("sv")
    page.get_by_role("button", name="Change").click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_label(re.compile("Language|Språk"))).to_have_value("sv")
    with translation.override("sv"):
        home = translation.gettext("Home")
    # The text follows the Swedish catalogue, whether or not it is translated yet.
    nav = page.get_by_role("navigation").first
    expect(nav.get_by_role("link", name=home, exact=True)).to_be_visible()
    axe_check(page)

"""A caseworker searches the service directory for a shelter, in a real browser, with and
without JavaScript, with axe-core checks on every page (WCAG 2.2 AA)."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from childpath.accounts.models import User
from childpath.directory import services
from childpath.directory.tests.builders import add_services, service_doc
from conftest import PASSWORD
from tests.browser.conftest import axe_check, current_code, login, requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]


@pytest.fixture
def shelters(transactional_db: None) -> None:
    # Browser tests empty the database after each test: load the service types again.
    services.ensure_taxonomies()
    add_services(
        service_doc(
            "Harbour night shelter",
            languages=("ar", "sv"),
            ages=(12, 17),
            flags=("emergency",),
            hours=("MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59"),
        ),
        service_doc(
            "Quiet day shelter", languages=("sv",), hours=("MO,TU,WE,TH,FR", "09:00", "16:00")
        ),
        service_doc("Lawyers for children", needs=("legal_aid",)),
    )


def _search_for_a_shelter(page: Page) -> None:
    form = page.get_by_role("search", name="Find a service")
    form.get_by_label("Need").select_option("safe_accommodation")
    form.get_by_label("Near").select_option("norrvik")
    form.get_by_label("Language the child speaks").select_option("ar")
    form.get_by_label("Age of the child").fill("15")
    form.get_by_role("button", name="Search").click()


def test_a_caseworker_finds_a_shelter_and_sees_why_it_fits(
    page: Page, live_server: LiveServer, caseworker: User, shelters: None
) -> None:
    login(page, live_server, caseworker)
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Service directory"
    ).click()
    expect(page.get_by_role("heading", level=1, name="Service directory")).to_be_visible()
    axe_check(page)
    _search_for_a_shelter(page)

    results = page.locator("#results")
    expect(results.get_by_role("heading", name="1 service fits")).to_be_visible()
    fit = results.get_by_role("listitem").filter(has_text="Harbour night shelter").first
    for reason in ("Offers Safe accommodation", "Speaks Arabic", "Ages 12 to 17", "Open 24/7"):
        expect(fit).to_contain_text(reason)
    expect(fit).to_contain_text(re.compile(r"\d+[.,]\d km away"))
    # The other shelter misses the language: listed after, saying so.
    expect(results.get_by_role("heading", name="Partly fitting")).to_be_visible()
    expect(results).to_contain_text("Does not list Arabic")
    expect(results).not_to_contain_text("Lawyers for children")
    # htmx kept the query in the address, so the result can be shared or reloaded.
    expect(page).to_have_url(re.compile(r"need=safe_accommodation"))
    axe_check(page)

    results.get_by_role("link", name="Harbour night shelter").click()
    expect(page.get_by_role("heading", level=1, name="Harbour night shelter")).to_be_visible()
    expect(page.get_by_text("Takes emergencies").first).to_be_visible()
    axe_check(page)


def test_the_search_works_without_javascript(
    browser: Browser, live_server: LiveServer, caseworker: User, shelters: None
) -> None:
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", java_script_enabled=False
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        # axe-core and login() run scripts in the page, which this context forbids.
        device = TOTPDevice.objects.create(user=caseworker, name="Phone", confirmed=True)
        page.goto(f"{live_server.url}/accounts/login/?next=/directory/")
        page.get_by_label("Username").fill(caseworker.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Continue").click()
        page.get_by_label("Code", exact=True).fill(current_code(device))
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{live_server.url}/directory/")
        _search_for_a_shelter(page)
        expect(page.locator("#results")).to_contain_text("Harbour night shelter")
        expect(page).to_have_url(re.compile(r"language=ar"))
    finally:
        context.close()

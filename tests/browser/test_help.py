"""The public help pages for children in a real browser (DESIGN.md 6.10).

Every language at 320 and 1280 px with axe-core; no cookie, nothing from another origin and no
visitor in the log; the quick exit by click, by keys and without JavaScript, leaving the help
pages out of the back button; the page weight; the feedback flow and its privacy threshold.
One browser and, where the behaviour allows it, one page for many checks.
"""

import io
import logging
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from childpath.accounts.models import User
from childpath.cases.models import Case
from childpath.directory import services as directory_services
from childpath.help import services
from childpath.help.languages import CODES
from childpath.help.notrace import HideHelpVisitors
from childpath.help.tests.helpers import answers, child_services
from tests.browser.conftest import axe_check, login, requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]
WIDTHS = (320, 1280)
NORRVIK = "lat=62.91&lon=17.21"
BUDGET = 60 * 1024  # bytes per page, everything it loads (DESIGN.md 6.10: a cheap phone)


@pytest.fixture
def directory(transactional_db: None) -> None:
    # Browser tests empty the database after each test: load the service types again.
    directory_services.ensure_taxonomies()
    child_services()


@pytest.fixture
def neutral(settings: Settings, live_server: LiveServer) -> str:
    """The quick exit goes to a page of the test server, so nothing leaves the machine."""
    settings.HELP_EXIT_URL = f"{live_server.url}/healthz"
    return settings.HELP_EXIT_URL


@pytest.fixture
def log_output() -> Iterator[io.StringIO]:
    handler = next(
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, HideHelpVisitors) for f in h.filters)
    )
    stream = io.StringIO()
    previous = handler.setStream(stream)  # type: ignore[attr-defined]
    try:
        yield stream
    finally:
        handler.setStream(previous)  # type: ignore[attr-defined]


def _pages(lang: str) -> list[str]:
    return [
        f"/help/{lang}/",
        f"/help/{lang}/need/sleep/?{NORRVIK}",
        f"/help/{lang}/need/online/",
        f"/help/{lang}/staying-safe/",
        f"/help/{lang}/feedback/",
    ]


def test_the_help_pages_in_every_language_fit_and_pass_axe(
    page: Page, live_server: LiveServer, directory: None
) -> None:
    page.goto(f"{live_server.url}/help/")
    axe_check(page)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        for lang in CODES:
            for path in _pages(lang):
                page.goto(f"{live_server.url}{path}")
                expect(page.locator("html")).to_have_attribute("lang", lang)
                scroll = page.evaluate("document.documentElement.scrollWidth")
                assert scroll <= width, f"{path} is {scroll}px wide at {width}px"
                # The exit and the two numbers stay on screen, also at the bottom of the page.
                page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
                for locator in (page.locator("a.exit"), page.locator(".numbers a").first):
                    box = locator.bounding_box()
                    assert box and box["y"] >= 0 and box["y"] + box["height"] <= 800, path
                axe_check(page)


def test_a_child_finds_a_shelter_from_the_first_screen(
    page: Page, live_server: LiveServer, directory: None
) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{live_server.url}/help/")
    page.get_by_role("link", name="Svenska").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vem kan hjälpa mig?")
    page.get_by_role("link", name="Ett tryggt ställe att sova i natt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ett tryggt ställe att sova i natt")
    # Sharing where one is: the browser's position, rounded, in the address only.
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 62.9123, "longitude": 17.2051})
    page.get_by_role("button", name="Använd var jag är nu").click()
    page.wait_for_url("**lat=62.91&lon=17.21")
    expect(page.get_by_role("heading", name="Nära dig")).to_be_visible()
    card = page.locator(".card").filter(has_text="Fictional night shelter")
    expect(card).to_contain_text("Öppet dygnet runt")
    expect(card).to_contain_text("Gratis")
    expect(page.locator("body")).not_to_contain_text("Fictional shelter by referral only")
    axe_check(page)


def test_the_help_pages_leave_no_trace(
    browser: Browser, live_server: LiveServer, directory: None, log_output: io.StringIO
) -> None:
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    requests: list[str] = []
    set_cookies: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    # A Content-Security-Policy violation (an inline script or style) shows as a console error.
    page.on("console", lambda m: errors.extend([m.text] if m.type == "error" else []))
    page.on(
        "response",
        lambda response: set_cookies.extend(
            [response.url] if "set-cookie" in response.all_headers() else []
        ),
    )
    try:
        for lang in ("en", "uk"):
            for path in _pages(lang):
                page.goto(f"{live_server.url}{path}")
        page.goto(f"{live_server.url}/help/en/need/nothing-here/")  # a 404 is logged
        assert requests and all(url.startswith(live_server.url) for url in requests), requests
        assert set_cookies == []
        assert [e for e in errors if "404" not in e] == []
        assert context.cookies() == []
        text = log_output.getvalue()
        assert "nothing-here" not in text and "127.0.0.1" not in text
        for path in _pages("en"):
            assert path.split("?")[0] not in text
    finally:
        context.close()


def test_every_help_page_weighs_less_than_60_kb(
    browser: Browser, live_server: LiveServer, directory: None
) -> None:
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    weights: dict[str, int] = {}
    try:
        for lang in ("en", "uk", "bg"):
            for path in [*_pages(lang), f"/help/{lang}/need/talk/"]:
                loaded: list[int] = []

                def handler(response, loaded=loaded):  # type: ignore[no-untyped-def]
                    loaded.append(len(response.body()))

                page.on("response", handler)
                # No cache: every file counts on every page, as on a first visit.
                context.clear_cookies()
                page.goto(f"{live_server.url}{path}", wait_until="load")
                page.remove_listener("response", handler)
                weights[path] = sum(loaded)
        assert all(weight < BUDGET for weight in weights.values()), weights
    finally:
        context.close()


def _from_a_search_to_a_need(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/healthz?before")
    page.goto(f"{live_server.url}/help/en/")
    page.get_by_role("link", name="Someone to talk to").click()
    page.wait_for_url("**/need/talk/")


def test_the_quick_exit_by_click_leaves_nothing_in_the_back_button(
    page: Page, live_server: LiveServer, neutral: str, directory: None
) -> None:
    _from_a_search_to_a_need(page, live_server)
    page.get_by_role("link", name="Exit this page").click()
    page.wait_for_url(neutral)
    page.go_back()
    page.wait_for_url("**/healthz?before")
    assert "/help/" not in page.url


@pytest.mark.parametrize("keys", [["Escape"], ["Shift", "Shift", "Shift"]], ids=["esc", "shift"])
def test_the_quick_exit_by_keys(
    page: Page, live_server: LiveServer, neutral: str, directory: None, keys: list[str]
) -> None:
    _from_a_search_to_a_need(page, live_server)
    for key in keys:
        page.keyboard.press(key)
    page.wait_for_url(neutral)
    page.go_back()
    page.wait_for_url("**/healthz?before")


def test_the_quick_exit_blanks_the_page_at_once(
    page: Page, live_server: LiveServer, neutral: str, directory: None
) -> None:
    # The neutral site never answers here, so what stays on screen is what the click left.
    page.route(neutral, lambda route: route.fulfill(status=204))
    page.goto(f"{live_server.url}/help/en/need/online/")
    page.get_by_role("link", name="Exit this page").click()
    assert page.evaluate("document.body.textContent") == ""
    assert page.title() == ""


def test_the_quick_exit_works_without_javascript(
    browser: Browser, live_server: LiveServer, neutral: str, directory: None
) -> None:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/help/en/need/sleep/?{NORRVIK}")
        expect(page.locator(".card").first).to_be_visible()  # the pages work without it too
        page.get_by_role("link", name="Exit this page").click()
        page.wait_for_url(neutral)
    finally:
        context.close()


def test_a_child_gives_feedback_with_a_code(
    page: Page, live_server: LiveServer, caseworker: User
) -> None:
    issued = services.issue_feedback_code(actor=caseworker, kind="first_meeting")
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(f"{live_server.url}/help/feedback/")
    page.get_by_role("link", name="Español").click()
    page.get_by_label("Tu código").fill("ABCD-EFGH")
    page.get_by_role("button", name="Enviar mis respuestas").click()
    expect(page.get_by_role("alert")).to_contain_text("No encontramos este código")
    axe_check(page)

    page.get_by_label("Tu código").fill(issued.code.lower())
    page.get_by_role("group", name="¿Te sentiste seguro o segura con ellos?").get_by_label(
        "Sí"
    ).check()
    page.get_by_role("group", name="¿Te escucharon?").get_by_label("Un poco").check()
    page.get_by_label("¿Qué te habría ayudado más?").fill("Ficticio: más tiempo.")
    axe_check(page)
    page.get_by_role("button", name="Enviar mis respuestas").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("¡Gracias!")
    axe_check(page)

    # The same code again: kindly refused, nothing stored.
    page.goto(f"{live_server.url}/help/es/feedback/?code={issued.code}")
    page.get_by_role("button", name="Enviar mis respuestas").click()
    expect(page.get_by_role("alert")).to_contain_text("ya se ha usado")
    from childpath.help.models import FeedbackAnswer

    assert FeedbackAnswer.objects.count() == 1


def test_a_caseworker_gives_a_code_and_a_coordinator_sees_results_from_ten(
    page: Page, live_server: LiveServer, caseworker: User, coordinator: User, case: Case, orgs
) -> None:
    login(page, live_server, caseworker)
    page.goto(f"{live_server.url}/cases/{case.reference}/rights/child/?lang=uk")
    page.get_by_label("Give the child a feedback code for this meeting").select_option("health")
    page.get_by_role("button", name="Give a feedback code").click()
    feedback = page.locator("section.ci-feedback")
    expect(feedback.get_by_role("heading")).to_have_text("Розкажи нам, як усе пройшло")  # noqa: RUF001
    expect(feedback.get_by_role("img", name="QR code that opens the feedback page")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Printable handout").click()
    expect(page.locator("section.ci-feedback .ci-code")).to_be_visible()
    axe_check(page)

    answers(orgs["social"], 9)
    page.context.clear_cookies()
    login(page, live_server, coordinator)
    page.goto(f"{live_server.url}/feedback/")
    expect(page.get_by_role("status")).to_contain_text("Results are shown from 10 answers")
    expect(page.get_by_role("table")).to_have_count(0)
    axe_check(page)
    answers(orgs["social"], 1)
    page.reload()
    expect(page.get_by_role("table")).to_contain_text("Did you feel safe with them?")
    axe_check(page)

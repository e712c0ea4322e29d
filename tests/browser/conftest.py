"""Real-browser fixtures: Debian's Chromium driven by Playwright, checked with axe-core.

Playwright cannot download its own browsers here, so the tests use /usr/bin/chromium
(``make browser`` installs it) and are skipped, with a message saying so, when it is absent.
"""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page, sync_playwright
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from childpath.accounts.models import User
from conftest import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium stalls in this sandbox.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BLOCKING_IMPACTS = {"serious", "critical"}

NO_CHROMIUM = f"{CHROMIUM} not found: `make browser` installs it (apt-get install chromium)"
# For the test modules: `pytestmark = [pytest.mark.browser, requires_chromium]`.
requires_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(NO_CHROMIUM)
    # Sync Playwright keeps an asyncio loop running in this thread, and Django refuses ORM
    # calls from a thread with a running loop. The ORM is used synchronously here (fixtures,
    # assertions), so allow it for as long as the browser lives.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(autouse=True)
def browser_settings(settings: Settings) -> None:
    # live_server speaks plain http: secure cookies would never be sent back.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


@pytest.fixture
def page(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def current_code(device: TOTPDevice) -> str:
    """What the authenticator app shows now. Each code signs in once (django-otp remembers the
    last one used), so a test that signs in twice within 30 seconds forgets it first."""
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    device.refresh_from_db()
    return str(TOTP(device.bin_key, device.step, device.t0, device.digits).token()).zfill(6)


def login(page: Page, live_server: LiveServer, user: User) -> None:
    """Sign in through the two steps, as a person would: the password, then the code of the
    user's authenticator app (made here if the user has none)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Test phone", confirmed=True)
    page.goto(f"{live_server.url}/accounts/login/")
    axe_check(page)
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{live_server.url}/accounts/login/code/**")
    page.get_by_label("Code", exact=True).fill(current_code(device))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")


def axe_check(page: Page, **options: Any) -> None:
    """Fail on any axe-core violation of impact serious or critical (WCAG 2.2 AA, DESIGN 6.8)."""
    results = Axe().run(page, **options)
    violations = [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]
    if violations:
        lines = [f"axe: {len(violations)} serious or critical violation(s) on {page.url}"]
        for violation in violations:
            lines.append(
                f"- {violation['id']} ({violation['impact']}): {violation['help']}"
                f" <{violation['helpUrl']}>"
            )
            for node in violation["nodes"]:
                lines.append(f"    at {node['target']}: {node.get('failureSummary', '')}")
        pytest.fail("\n".join(lines), pytrace=False)

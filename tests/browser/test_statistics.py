"""The statistics pages in a real browser, with axe-core on every page: an analyst finds the
tables from the menu, chooses a quarter, cross-tabulates, reads the barrier indicators and the
printable overview, and publishes a release; a coordinator sees the dashboard on the home page.
The fixed fictional dataset of the statistics tests; small cells read "suppressed"."""

from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from playwright.sync_api import Page, ViewportSize, expect
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from childpath.accounts.models import Organisation, User
from childpath.stats.models import Release
from childpath.stats.tests.conftest import build
from tests.browser.conftest import axe_check, login, requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]

PHONE: ViewportSize = {"width": 320, "height": 800}


@pytest.fixture
def figures(
    orgs: dict[str, Organisation], frontline: User, settings: Settings, tmp_path: Path
) -> None:
    key = tmp_path / "stats.pem"
    key.write_bytes(
        Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    settings.STATS_SIGNING_KEY_FILE = str(key)
    build(orgs, frontline)


@pytest.mark.usefixtures("figures")
def test_an_analyst_reads_the_tables_and_publishes_a_release(
    page: Page, live_server: LiveServer, analyst: User
) -> None:
    login(page, live_server, analyst)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Statistics").click()
    expect(page.get_by_role("heading", level=1, name="Statistics")).to_be_visible()
    page.get_by_label("A quarter").select_option("2025-Q1")
    page.get_by_role("button", name="Show the quarter").click()
    expect(page.get_by_text("Showing 1 January 2025 to 31 March 2025")).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Registered victims by sex").click()
    expect(page.get_by_role("heading", level=1, name="Registered victims by sex")).to_be_visible()
    # Five registered victims: under the threshold of 10, every figure is withheld, never 0.
    table = page.locator("table.stats-table")
    expect(table).to_contain_text("suppressed")
    expect(page.locator("svg[role=img] title").first).to_have_text("Sex")
    axe_check(page)

    page.get_by_label("Cross-tabulate by").select_option("exploitation")
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page.locator("table.stats-table thead")).to_contain_text("Forced begging")
    axe_check(page)

    page.set_viewport_size(PHONE)
    axe_check(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("navigation", name="Statistics").get_by_role(
        "link", name="Barrier indicators"
    ).click()
    expect(page.get_by_role("heading", level=1, name="Barrier indicators")).to_be_visible()
    expect(page.get_by_role("table", name="Shares")).to_contain_text("Referrals answered in time")
    axe_check(page)

    page.get_by_role("navigation", name="Statistics").get_by_role(
        "link", name="Printable overview"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Overview")
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Statistics")).to_be_hidden()
    page.emulate_media(media="screen")
    axe_check(page)

    page.get_by_role("navigation", name="Statistics").get_by_role("link", name="Releases").click()
    page.get_by_label("Title").fill("Children in 2025 (fictional)")
    page.get_by_label("Year").fill("2025")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Children in 2025 (fictional)")
    expect(page.get_by_role("link", name="Download JSON (signed)")).to_be_visible()
    axe_check(page)
    assert Release.objects.get().version == 1


@pytest.mark.usefixtures("figures")
def test_a_coordinator_sees_the_barriers_of_the_own_organisation_on_the_home_page(
    page: Page, live_server: LiveServer, coordinator: User
) -> None:
    login(page, live_server, coordinator)
    card = page.locator(
        "section.card", has=page.get_by_role("heading", name="Barriers in your organisation")
    )
    expect(card).to_contain_text("Figures about fewer than 10 children are suppressed.")
    axe_check(page)
    card.get_by_role("link", name="See the barrier indicators").click()
    expect(page.get_by_text("Figures for the cases of Test Social Services.")).to_be_visible()
    axe_check(page)

"""The statistics pages in a real browser, with axe-core on every page: an analyst finds the
tables from the menu, chooses a quarter, cross-tabulates, reads the barrier indicators and the
printable overview, and publishes a release; a coordinator sees the dashboard on the home page.
The fixed fictional dataset of the statistics tests; small cells read "suppressed"."""

import base64
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from playwright.sync_api import FilePayload, Page, ViewportSize, expect
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from childpath.accounts.models import Organisation, User
from childpath.exchange import keys
from childpath.help.models import FeedbackAnswer
from childpath.stats import signing
from childpath.stats.models import Release
from childpath.stats.tests.conftest import build
from tests.browser.conftest import axe_check, login, requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]

PHONE: ViewportSize = {"width": 320, "height": 800}


@pytest.fixture
def figures(
    orgs: dict[str, Organisation], frontline: User, settings: Settings, tmp_path: Path
) -> None:
    # Releases are signed with the instance's federation key.
    ring = tmp_path / "federation.json"
    keys.save(keys.new_ring(settings.CHILDPATH_INSTANCE_ID, datetime.now(UTC)), ring)
    settings.FEDERATION_KEYS_FILE = str(ring)
    build(orgs, frontline)
    # Children's feedback on first meetings at the social services office (the help app).
    FeedbackAnswer.objects.bulk_create(
        FeedbackAnswer(
            organisation=orgs["social"],
            kind="first_meeting",
            month=date(2025, 3, 1),
            language="sv",
            safe=3 if n < 14 else 1,
        )
        for n in range(25)
    )


def peer_release(document: dict[str, Any], country: str) -> bytes:
    """A fictional peer's release of the same period, signed with a key of its own."""
    key = Ed25519PrivateKey.generate()
    peer = json.loads(json.dumps(document))
    peer["instance"].update({"country": country, "id": f"childpath-{country.lower()}-demo"})
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    peer["instance"]["public_key"] = base64.b64encode(raw).decode()
    signature = base64.b64encode(key.sign(signing.canonical(peer))).decode()
    return json.dumps({"document": peer, "signature": signature}).encode()


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

    # A period in the future: a clear error on the page, and the chooser to try again.
    page.goto(f"{live_server.url}/statistics/?year=2999")
    expect(page.get_by_text("The period lies in the future")).to_be_visible()
    axe_check(page)
    page.go_back()

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
    trends = page.get_by_role("table", name="Each indicator in each month (or quarter)")
    expect(trends).to_contain_text("Concern to presumed victim")
    feedback = page.get_by_role("region", name="Children's feedback on a first meeting")
    expect(feedback).to_contain_text("A first meeting with a social worker or counsellor")
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
    expect(page.get_by_text("Signed with this instance's federation key.")).to_be_visible()
    axe_check(page)
    release = Release.objects.get()
    assert release.version == 1

    # Two fictional peers' releases of the same year, uploaded as files: combined, and said
    # to be unverified, since neither is in this instance's federation registry.
    page.get_by_role("link", name="All releases").click()
    page.get_by_role("navigation", name="Statistics").get_by_role(
        "link", name="Combine countries"
    ).click()
    document = json.loads(release.document)
    files: list[FilePayload] = [
        {"name": f"{c}.json", "mimeType": "application/json", "buffer": peer_release(document, c)}
        for c in ("BG", "RS")
    ]
    page.get_by_label("Release files (JSON)").set_input_files(files)
    page.get_by_label("Table").select_option("status")
    page.get_by_role("button", name="Combine").click()
    expect(page.get_by_text("Not every release could be verified")).to_be_visible()
    axe_check(page)


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

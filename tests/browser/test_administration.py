"""An administrator invites a user, edits an organisation, adds and retires a service and
imports an HSDS file, following its progress to the report: on a laptop and at 390 px, with
axe-core checks on every page (no serious or critical violation); and the progress page
without JavaScript."""

import json
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page, ViewportSize, expect
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from childpath.accounts.models import Organisation, User
from childpath.administration import services as admin_services
from childpath.administration import tasks
from childpath.administration.models import ImportJob
from childpath.directory import services
from childpath.directory.models import Service, ServiceStatus
from childpath.directory.tests.builders import add_services, organization_doc, service_doc
from conftest import PASSWORD
from tests.browser.conftest import axe_check, current_code, login, main_menu, requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]

PHONE: ViewportSize = {"width": 390, "height": 844}
VIEWPORTS = pytest.mark.parametrize("viewport", [None, PHONE], ids=["laptop", "phone"])


def _check(page: Page) -> None:
    """axe-core, and nothing wider than the screen (WCAG 1.4.10 Reflow)."""
    axe_check(page)
    width = page.viewport_size["width"] if page.viewport_size else 1280
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _open(page: Page, live_server: LiveServer, administrator: User, viewport) -> None:
    if viewport:
        page.set_viewport_size(viewport)
    login(page, live_server, administrator)
    main_menu(page).get_by_role("link", name="Administration").click()
    expect(page.get_by_role("heading", level=1, name="Administration")).to_be_visible()
    _check(page)


@pytest.fixture
def directory(transactional_db: None) -> None:
    # Browser tests empty the database after each test: load the service types again.
    services.ensure_taxonomies()
    add_services(service_doc("Harbour night shelter"))


@VIEWPORTS
def test_an_administrator_invites_a_user(
    page: Page, live_server: LiveServer, administrator: User, orgs, viewport, mailoutbox
) -> None:
    _open(page, live_server, administrator, viewport)
    nav = page.get_by_role("navigation", name="Administration")
    nav.get_by_role("link", name="Users").click()
    page.get_by_role("link", name="Invite a user").click()
    _check(page)
    page.get_by_role("button", name="Send the invitation").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary.get_by_role("link", name="Role: This field is required.")).to_be_visible()
    _check(page)

    page.get_by_label("Username").fill("nina")
    page.get_by_label("First name").fill("Nina")
    page.get_by_label("Last name").fill("Exempel")
    page.get_by_label("Email address").fill("nina@example.org")
    page.get_by_label("Organisation").select_option(label="Test Shelter")
    page.get_by_label("Role").select_option(label="Service provider")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_role("status")).to_contain_text("The enrolment link is sent to")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nina Exempel")
    _check(page)
    user = User.objects.get(username="nina")
    assert not user.has_usable_password()
    assert any("/accounts/enrol/" in message.body for message in mailoutbox)


@VIEWPORTS
def test_an_administrator_edits_an_organisation(
    page: Page, live_server: LiveServer, administrator: User, orgs, viewport
) -> None:
    _open(page, live_server, administrator, viewport)
    page.get_by_role("navigation", name="Administration").get_by_role(
        "link", name="Organisations"
    ).click()
    _check(page)
    page.get_by_role("link", name="Test School").click()
    _check(page)
    page.get_by_label("Country").fill("S1")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Use the two-letter country code")
    _check(page)
    page.get_by_label("Country").fill("SE")
    page.get_by_label("service provider").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Test School is saved.")
    assert Organisation.objects.get(pk=orgs["school"].pk).is_service_provider


@VIEWPORTS
def test_an_administrator_adds_and_retires_a_service(
    page: Page, live_server: LiveServer, administrator: User, directory: None, viewport
) -> None:
    _open(page, live_server, administrator, viewport)
    page.get_by_role("link", name="Manage the service directory").click()
    _check(page)
    page.get_by_role("link", name="Add a service").click()
    _check(page)
    page.get_by_label("Name", exact=True).fill("Lawyers for children")
    page.get_by_label("Organisation").select_option(label="Fictional Test Services")
    page.get_by_label("Legal aid").check()
    page.get_by_label("minimum age").fill("16")
    page.get_by_label("maximum age").fill("12")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("The maximum age is below the minimum")
    _check(page)
    page.get_by_label("maximum age").fill("17")
    page.get_by_label("Where it is delivered").select_option(label="Harbour night shelter house")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Lawyers for children is saved.")

    page.get_by_role("link", name="Lawyers for children").click()
    page.get_by_role("link", name="Retire the service").click()
    _check(page)
    page.get_by_role("button", name="Retire").click()
    expect(page.get_by_role("alert")).to_contain_text("This field is required")
    page.get_by_label("Why").fill("The legal clinic closed in November.")
    page.get_by_role("button", name="Retire").click()
    expect(page.get_by_role("status")).to_contain_text("Lawyers for children is retired.")
    row = page.get_by_role("row").filter(has_text="Lawyers for children")
    expect(row).to_contain_text("Retired")
    _check(page)
    assert Service.objects.get(name="Lawyers for children").status == ServiceStatus.DEFUNCT


@VIEWPORTS
def test_an_administrator_imports_a_file_and_follows_its_progress_to_the_report(
    page: Page,
    live_server: LiveServer,
    administrator: User,
    directory: None,
    viewport,
    settings: Settings,
    tmp_path: Path,
) -> None:
    # The job waits, as it does for a worker, so the test sees the progress page first.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    _open(page, live_server, administrator, viewport)
    page.get_by_role("navigation", name="Administration").get_by_role("link", name="Import").click()
    _check(page)
    bad = tmp_path / "notes.json"
    bad.write_text("{this is not json")
    page.get_by_label("HSDS file").set_input_files(str(bad))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("alert")).to_contain_text("neither a zip file nor valid JSON")
    _check(page)
    assert not ImportJob.objects.exists()

    good = tmp_path / "directory.json"
    good.write_text(json.dumps(organization_doc(service_doc("Quiet day shelter"))))
    page.get_by_label("HSDS file").set_input_files(str(good))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("directory.json")
    expect(page.locator("#import-state")).to_have_text("Waiting to start")
    _check(page)

    # A worker picks the job up; the page's script sees it end and shows the report.
    job = ImportJob.objects.get()
    tasks.run_import.call(str(job.pk))
    report = page.get_by_role("region", name="Report")
    expect(report).to_be_visible()
    expect(page.locator("#import-state")).to_have_text("Imported")
    expect(report.get_by_role("link", name="Quiet day shelter")).to_be_visible()
    _check(page)


def test_the_progress_page_refreshes_itself_without_javascript(
    browser: Browser,
    live_server: LiveServer,
    administrator: User,
    directory: None,
    settings: Settings,
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    content = json.dumps(organization_doc(service_doc("Quiet day shelter"))).encode()
    job = admin_services.start_import(actor=administrator, name="plain.json", content=content)
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", java_script_enabled=False
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        # login() and axe-core run scripts in the page, which this context forbids.
        device = TOTPDevice.objects.create(user=administrator, name="Phone", confirmed=True)
        page.goto(f"{live_server.url}/accounts/login/?next=/administration/imports/{job.pk}/")
        page.get_by_label("Username").fill(administrator.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Continue").click()
        page.get_by_label("Code", exact=True).fill(current_code(device))
        page.get_by_role("button", name="Sign in").click()
        expect(page.locator("#import-state")).to_have_text("Waiting to start")
        tasks.run_import.call(str(job.pk))
        # The <noscript> refresh comes every 3 seconds.
        expect(page.locator("#import-state")).to_have_text("Imported", timeout=10_000)
        expect(page.get_by_role("region", name="Report")).to_contain_text("Quiet day shelter")
    finally:
        context.close()

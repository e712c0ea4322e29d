"""Recording that a right was provided, in a real browser, with axe-core on every state.

A girl of 15, screened presumed victim (fictional): the caseworker records on the rights page
that she got a safe place to stay, that she was offered health care and declined it for now,
and sees the case page count both; a mistake (a day in the future) is explained next to the
field, in the form left open (WCAG 2.2 AA, DESIGN.md section 6.8).
"""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from childpath.accounts.models import User
from childpath.cases.models import Case
from childpath.rights.models import RightProvision
from childpath.screening.tests.helpers import PRESUMED, screen
from tests.browser.conftest import axe_check, login, requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]


@pytest.fixture
def girl(make_case, caseworker: User) -> Case:
    case: Case = make_case(languages=["sv"])
    screen(caseworker, case, PRESUMED)
    return case


def test_a_caseworker_records_a_right_as_provided_and_another_as_declined(
    page: Page, live_server: LiveServer, caseworker: User, girl: Case
) -> None:
    login(page, live_server, caseworker)
    page.goto(f"{live_server.url}/cases/{girl.reference}/rights/")
    axe_check(page)

    # From the row, to the right's own small form (a closed details, opened on demand).
    page.locator("#right-safe_accommodation").get_by_role("link", name="Record as provided").click()
    shelter = page.locator("#provide-safe_accommodation")
    if shelter.get_attribute("open") is None:
        shelter.locator("summary").click()
    fields = shelter.get_by_role("group", name="Record as provided: A safe place to stay")
    expect(fields.get_by_label("Date", exact=True)).to_have_value(timezone.localdate().isoformat())
    fields.get_by_label("How (a short note)").fill("Fictional: a room at the test shelter.")
    axe_check(page)
    fields.get_by_role("button", name="Record").click()
    expect(page.get_by_role("status")).to_contain_text("Recorded as provided")
    expect(page.locator("#right-safe_accommodation")).to_contain_text("Yes, ")
    expect(page.locator("#right-safe_accommodation")).to_contain_text("Done")

    # A day in the future is explained next to the field; the form stays open.
    page.locator("#provide-health_care summary").click()
    health = page.locator("#provide-health_care")
    health.get_by_label("Date", exact=True).fill("2999-01-01")
    health.get_by_role("button", name="Record").click()
    health = page.locator("#provide-health_care")
    expect(health).to_have_attribute("open", "")
    expect(health.get_by_role("alert")).to_contain_text("cannot be in the future")
    axe_check(page)

    # Offered, and she said no for now: in force, not overdue, still open to a later record.
    health.get_by_label("Date", exact=True).fill(timezone.localdate().isoformat())
    health.get_by_label("Offered, but the child declined (for now)").check()
    health.get_by_role("button", name="Record").click()
    expect(page.get_by_role("status")).to_contain_text("declined for now")
    row = page.locator("#right-health_care")
    expect(row).to_contain_text("Offered, declined on")
    expect(row.get_by_role("link", name="Record as provided")).to_be_visible()
    axe_check(page)
    assert [(p.right, p.declined) for p in RightProvision.objects.all()] == [
        ("safe_accommodation", False),
        ("health_care", True),
    ]

    page.goto(f"{live_server.url}/cases/{girl.reference}/")
    summary = page.locator("section", has=page.get_by_role("heading", name="Rights", exact=True))
    expect(summary).to_contain_text("Provided so far: 1 of")
    expect(summary).to_contain_text("declined by the child for now: Health care")


def test_a_view_only_member_sees_no_form_to_record_a_provision(
    page: Page, live_server: LiveServer, girl: Case, caseworker: User, provider: User, orgs
) -> None:
    from childpath.cases import services
    from childpath.cases.models import Access

    services.add_team_member(
        actor=caseworker, case=girl, organisation=orgs["shelter"], user=provider, access=Access.VIEW
    )
    login(page, live_server, provider)
    page.goto(f"{live_server.url}/cases/{girl.reference}/rights/")
    expect(page.get_by_role("heading", name="Record that a right was provided")).to_have_count(0)
    axe_check(page)

"""A coordinator finds a shelter through the directory, refers the child, the shelter accepts,
and the child leaves the "children without a pathway" list (issue 5), with axe-core checks."""

import re

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from childpath.accounts.models import User
from childpath.cases import services as case_services
from childpath.cases.models import Case
from childpath.referrals.models import Referral
from childpath.referrals.tests.conftest import make_place
from tests.browser.conftest import axe_check, login, requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


def test_it_refers_a_child_to_a_shelter_found_in_the_directory(
    page: Page,
    live_server: LiveServer,
    caseworker: User,
    coordinator: User,
    provider: User,
    orgs,
    make_case,
) -> None:
    case: Case = make_case(given_names="Testina", family_name="Exempel")
    Case.objects.filter(pk=case.pk).update(stage="presumed")
    case_services.set_coordinator(actor=caseworker, case=case, coordinator=coordinator)
    make_place("Test Shelter Beds", orgs["shelter"], need="safe_accommodation")

    # The coordinator sees the child waiting for a pathway and goes to find a service.
    login(page, live_server, coordinator)
    page.get_by_role("link", name="Without a pathway").click()
    expect(page.get_by_role("heading", level=1, name="Children without a pathway")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=case.reference)
    expect(row).to_contain_text("No open referral")
    axe_check(page)
    row.get_by_role("link", name=re.compile("Find a service")).click()

    # The directory search, for this case: the need is chosen, the shelter is found.
    expect(page.get_by_text(f"Choose a service for case {case.reference}")).to_be_visible()
    page.get_by_label("Need").select_option("safe_accommodation")
    page.get_by_role("button", name="Search").click()
    axe_check(page)
    page.get_by_role("link", name="Refer to Test Shelter Beds").click()

    # The referral form: the need is filled in; the coordinator shares the minimum.
    expect(page.get_by_role("heading", level=1, name="Refer the child")).to_be_visible()
    expect(page.get_by_role("combobox", name=re.compile("^Need"))).to_have_value(
        "safe_accommodation"
    )
    expect(page.get_by_role("checkbox", name=re.compile("What the child needs"))).to_be_checked()
    axe_check(page)
    page.get_by_label("Reason for the referral").fill("Needs a safe place tonight. (Fictional.)")
    page.get_by_role("radio", name="Emergency").check()
    page.get_by_role("checkbox", name=re.compile(r"^Age \(")).check()
    page.get_by_role("button", name="Send the referral").click()
    expect(page.get_by_text("The referral is sent to Test Shelter Beds.")).to_be_visible()
    expect(page.locator("#referrals-h")).to_be_visible()
    axe_check(page)
    _sign_out(page)

    # The shelter sees only what is shared, and accepts.
    login(page, live_server, provider)
    page.get_by_role("link", name="Open incoming referrals").click()
    axe_check(page)
    referral = Referral.objects.get()
    page.get_by_role("link", name=re.compile("^Sent ")).click()
    expect(page.get_by_text("Needs a safe place tonight. (Fictional.)")).to_be_visible()
    expect(page.get_by_text("Testina")).to_have_count(0)
    axe_check(page)
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("The referral is updated.")).to_be_visible()
    referral.refresh_from_db()
    assert referral.status == "accepted"
    page.goto(f"{live_server.url}/cases/{case.reference}/")
    expect(page.get_by_text("Testina Exempel")).to_be_visible()
    _sign_out(page)

    # The child has a pathway now.
    login(page, live_server, coordinator)
    page.goto(f"{live_server.url}/pathways/")
    expect(page.get_by_text("Every child you can see has a pathway.")).to_be_visible()
    expect(page.get_by_text(case.reference)).to_have_count(0)
    axe_check(page)

"""A Barnahus panel member records a multi-agency panel's formal identification.

Issue 4: the child is already a presumed victim from a screening (rule 2); the panel decides on
the social path (rule 6). Axe-core checks the case section, the form, its errors and the result.
"""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from childpath.accounts.models import Organisation, Sector, User
from childpath.cases import services as case_services
from childpath.cases.models import Access, Case
from childpath.identification.models import Basis, Decision
from childpath.screening.tests.helpers import PRESUMED, screen
from tests.browser.conftest import axe_check, login, requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]


@pytest.fixture
def presumed(case: Case, frontline: User, caseworker: User, panel: User, orgs) -> Case:
    screen(frontline, case, PRESUMED)
    # The lead agency brings the Barnahus panel member onto the team.
    case_services.add_team_member(
        actor=caseworker, case=case, organisation=orgs["barnahus"], user=panel, access=Access.EDIT
    )
    return case


def test_a_panel_member_records_a_panel_decision(
    page: Page, live_server: LiveServer, panel: User, presumed: Case, orgs
) -> None:
    police = Organisation.objects.create(name="Test Police", sector=Sector.POLICE, country="SE")
    login(page, live_server, panel)
    page.goto(f"{live_server.url}/cases/{presumed.reference}/")
    section = page.locator("section.identification")
    expect(section.get_by_text("Presumed victim", exact=True).first).to_be_visible()
    expect(section.get_by_text("presumed victim since", exact=False)).to_be_visible()
    axe_check(page)

    section.get_by_role("link", name="Record a formal identification").click()
    expect(
        page.get_by_role("heading", level=1, name="Record a formal identification")
    ).to_be_visible()
    axe_check(page)

    page.get_by_label("A multi-agency panel").check()
    page.get_by_label("Identified victim").check()
    page.get_by_label("Reasons").fill("Fictional reasons agreed by the panel.")
    # A panel with no members: a clear error, nothing saved.
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("A panel decision needs its members.").first).to_be_visible()
    axe_check(page)
    assert Decision.objects.filter(case=presumed).count() == 1

    rows = [
        (orgs["barnahus"], "Fictional Barnahus Psychologist"),
        (orgs["social"], "Fictional Social Worker"),
        (police, "Fictional Police Inspector"),
    ]
    for number, (organisation, name) in enumerate(rows, start=1):
        member = page.get_by_role("group", name=f"Member {number}")
        member.get_by_label("Organisation").select_option(str(organisation.pk))
        member.get_by_label("Name").fill(name)
    page.get_by_role("button", name="Record the decision").click()

    expect(page.get_by_text("The decision is recorded.")).to_be_visible()
    section = page.locator("section.identification")
    expect(section.get_by_text("Identified victim", exact=True).first).to_be_visible()
    expect(section.get_by_text("Fictional Police Inspector", exact=False).first).to_be_visible()
    expect(section.get_by_role("link", name="Review the decision")).to_be_visible()
    axe_check(page)
    decision = Decision.objects.filter(case=presumed).latest("id")
    assert decision.basis == Basis.PANEL
    assert decision.panel_members.count() == 3

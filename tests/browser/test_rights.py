"""The rights page and the child's handout in a real browser, with axe-core on every page.

An unaccompanied boy of doubtful age, screened presumed victim (fictional): the caseworker
opens his rights from the case page, records that he was told about them in Ukrainian with an
interpreter, records the guardian's request and appointment, then shows him his page and prints
the handout, in Ukrainian and in Swedish (DESIGN.md rules 2 and 10; WCAG 2.2 AA, section 6.8).
"""

import pytest
from playwright.sync_api import Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from childpath.accounts.models import User
from childpath.audit.models import AuditEvent
from childpath.cases.models import Case
from childpath.rights.models import Guardian, InformationDelivery
from childpath.screening.tests.helpers import PRESUMED, screen
from tests.browser.conftest import axe_check, login, requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]

PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture
def boy(make_case, caseworker: User) -> Case:
    case: Case = make_case(
        given_names="Testo",
        family_name="Приклад",
        sex="male",
        date_of_birth=None,
        claimed_age=16,
        age_disputed=True,
        citizenship="UA",
        languages=["uk", "ru"],
        migration_status="temporary_protection",
        unaccompanied="yes",
    )
    screen(caseworker, case, PRESUMED)
    return case


def test_a_caseworker_records_information_and_a_guardian_on_the_rights_page(
    page: Page, live_server: LiveServer, caseworker: User, boy: Case
) -> None:
    login(page, live_server, caseworker)
    page.goto(f"{live_server.url}/cases/{boy.reference}/")
    rights_section = page.locator("section", has=page.get_by_role("heading", name="Rights"))
    expect(rights_section).to_contain_text("The child needs a guardian: none requested yet.")
    rights_section.get_by_role("link").click()

    expect(page.get_by_role("heading", level=1, name="Rights and information")).to_be_visible()
    expect(page.locator("#right-guardian")).to_contain_text("unaccompanied")
    expect(page.locator("#right-residence_permit")).to_contain_text("formal identification")
    axe_check(page)

    # Told about two rights, in Ukrainian, with an interpreter.
    form = page.locator("form", has=page.get_by_role("button", name="Record", exact=True))
    form.get_by_label("Every right in force now").uncheck()
    form.get_by_label("An interpreter", exact=True).check()
    form.get_by_label("A guardian", exact=True).check()
    expect(form.get_by_label("Language")).to_have_value("uk")
    form.get_by_label("Oral (talking together)").check()
    form.get_by_label("With an interpreter").check()
    form.get_by_label("Partly").check()
    form.get_by_label("The child's questions or views").fill("Fictional: asks about his cousin.")
    form.get_by_role("button", name="Record", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("is recorded")
    expect(page.locator("#right-interpreter")).to_contain_text("in Ukrainian")
    expect(page.locator("#right-safe_accommodation")).to_contain_text("Not yet")
    assert InformationDelivery.objects.get(case=boy).rights == ["interpreter", "guardian"]

    # A form sent with a mistake explains it next to the field, and keeps the page accessible.
    page.get_by_label("Name of the guardian").fill("Greta Exempel")
    page.get_by_role("button", name="Record the appointment").click()
    expect(page.get_by_role("alert")).to_contain_text("phone number or an e-mail address")
    axe_check(page)

    page.get_by_role("button", name="Record the request").click()
    expect(page.get_by_role("status")).to_contain_text("guardian request is recorded")
    page.get_by_label("Name of the guardian").fill("Greta Exempel")
    page.get_by_label("Phone of the guardian service").fill("+46 8 000 000")
    page.get_by_role("button", name="Record the appointment").click()
    expect(page.get_by_role("status")).to_contain_text("appointment is recorded")
    guardian = page.locator("section", has=page.get_by_role("heading", name="Guardian", exact=True))
    expect(guardian).to_contain_text("Greta Exempel")
    assert Guardian.objects.get(case=boy).appointed
    axe_check(page)


@pytest.mark.parametrize(
    ("language", "title", "guardian"),
    [
        ("uk", "Твої права і що відбувається зараз", "Твій опікун"),  # noqa: RUF001
        ("sv", "Dina rättigheter och vad som händer nu", "Din gode man"),
    ],
)
def test_the_child_page_and_handout_in_the_childs_language(
    page: Page,
    live_server: LiveServer,
    caseworker: User,
    boy: Case,
    language: str,
    title: str,
    guardian: str,
) -> None:
    from childpath.rights import services
    from childpath.rights.validation import AppointmentData

    requested = services.request_guardian(actor=caseworker, case=boy).requested_at
    assert requested is not None
    services.appoint_guardian(
        actor=caseworker,
        case=boy,
        data=AppointmentData(
            guardian_name="Greta Exempel",
            appointed_at=requested,
            contact_phone="+46 8 000 000",
        ),
    )
    login(page, live_server, caseworker)
    page.goto(f"{live_server.url}/cases/{boy.reference}/rights/")
    page.get_by_role("link", name="Show the child's page").click()
    # The boy's first language with texts is Ukrainian; the professional can switch.
    expect(page.locator("main.childinfo")).to_have_attribute("lang", "uk")
    page.get_by_label("Language of the texts").select_option(language)
    page.get_by_role("button", name="Show", exact=True).click()
    article = page.locator("main.childinfo")
    expect(article).to_have_attribute("lang", language)
    expect(article.get_by_role("heading", level=1)).to_have_text(title)
    expect(article).to_contain_text("116 111")
    axe_check(page)

    page.get_by_role("link", name="Printable handout").click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(title)
    expect(main).to_contain_text(guardian)
    expect(main).to_contain_text("Greta Exempel")
    expect(main).not_to_contain_text("Testo")
    expect(main).not_to_contain_text(boy.reference)
    axe_check(page)
    assert AuditEvent.objects.filter(
        action="case.read", case_reference=boy.reference, purpose__contains=language
    ).exists()

    # Printed: the tools disappear and it lays out on A4.
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Print")).to_be_hidden()
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    # At most two A4 pages, in every language (the Ukrainian handout once took four).
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert 1 <= pages <= 2, f"the {language} handout prints on {pages} pages"


def test_the_child_page_fits_a_phone(
    page: Page, live_server: LiveServer, caseworker: User, boy: Case
) -> None:
    page.set_viewport_size(PHONE)
    login(page, live_server, caseworker)
    for path in ("", "child/", "handout/"):
        page.goto(f"{live_server.url}/cases/{boy.reference}/rights/{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{page.url} is {width}px wide"
        axe_check(page)


def test_on_a_phone_the_child_reads_the_child_page_first(
    page: Page, live_server: LiveServer, caseworker: User, boy: Case
) -> None:
    """The staff bar above the child's page is a thin strip, not 470 px of staff interface; the
    page is short, and the child opens more."""
    page.set_viewport_size(PHONE)
    login(page, live_server, caseworker)
    page.goto(f"{live_server.url}/cases/{boy.reference}/rights/child/?lang=en")
    heading = page.get_by_role("heading", level=1)
    top = heading.bounding_box()
    assert top is not None and top["y"] < 200, f"the child's title starts at {top}"
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 4000, f"the child's page is {height}px long on a phone"
    page.get_by_text("Your rights", exact=True).click()
    expect(page.get_by_role("heading", name="To know your rights")).to_be_visible()
    axe_check(page)

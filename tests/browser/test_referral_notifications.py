"""An emergency referral, end to end on a phone and a laptop, with axe-core checks: the shelter
is notified on screen and by e-mail (read on the demo's page of sent e-mails), sees the lead
professional's work contact that was ticked, declines with a reason; the coordinator is
notified with the reason; the child's page shows how to reach the lead professional."""

import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from childpath.accounts.models import User
from childpath.cases import services as case_services
from childpath.cases.models import Case
from childpath.referrals.models import Referral
from childpath.referrals.tests.conftest import make_place
from tests.browser.conftest import axe_check, login, main_menu, requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1280, "height": 800}}


@pytest.fixture
def demo_mail(settings, tmp_path):
    """The demo's e-mail: written to files, listed at /demo/mail/."""
    settings.CHILDPATH_DEMO = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    return tmp_path


@pytest.fixture
def open_as(
    browser: Browser, live_server: LiveServer, request: pytest.FixtureRequest
) -> Iterator[Callable[[User], Page]]:
    """A signed-in page for one person, in the viewport under test; each in its own context."""
    contexts: list[BrowserContext] = []
    viewport = VIEWPORTS[request.node.callspec.params["viewport"]]

    def make(user: User) -> Page:
        context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport=viewport)  # type: ignore[arg-type]
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        login(page, live_server, user)
        return page

    yield make
    for context in contexts:
        context.close()


def no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width} px wide"  # type: ignore[index]


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_an_emergency_referral_reaches_the_shelter_and_its_answer_the_coordinator(
    viewport: str,
    demo_mail,
    open_as,
    live_server: LiveServer,
    caseworker: User,
    coordinator: User,
    provider: User,
    orgs,
    make_case,
) -> None:
    for person in (caseworker, coordinator, provider):
        person.email = f"{person.username}@example.invalid"
    coordinator.work_phone = "+46 8 555 010 20"
    coordinator.work_email = "carol.work@example.invalid"
    for person in (caseworker, coordinator, provider):
        person.save()
    case: Case = make_case(given_names="Testina", family_name="Exempel")
    Case.objects.filter(pk=case.pk).update(stage="presumed")
    case_services.set_coordinator(actor=caseworker, case=case, coordinator=coordinator)
    place = make_place("Test Shelter Beds", orgs["shelter"], need="safe_accommodation")

    # The caseworker sends an emergency referral, sharing the lead professional's contact.
    sara = open_as(caseworker)
    sara.goto(
        f"/cases/{case.reference}/referrals/new/"
        f"?service_at_location={place.pk}&need=safe_accommodation"
    )
    sara.get_by_label("Reason for the referral").fill("Needs a safe place tonight. (Fictional.)")
    sara.get_by_role("radio", name="Emergency").check()
    sara.get_by_role("checkbox", name=re.compile("work phone of the lead professional")).check()
    axe_check(sara)
    sara.get_by_role("button", name="Send the referral").click()
    expect(sara.get_by_text("The referral is sent to Test Shelter Beds.")).to_be_visible()
    referral = Referral.objects.get()

    # The shelter sees the notification in its menu, and the lead professional's contact.
    nora = open_as(provider)
    main_menu(nora).get_by_role("link", name="Notifications (1 unread)").click()
    notice = nora.get_by_role(
        "link", name=re.compile("New emergency referral to Test Shelter Beds")
    )
    expect(notice).to_be_visible()
    expect(nora.get_by_text("Testina")).to_have_count(0)
    axe_check(nora)
    no_sideways_scroll(nora)
    notice.click()
    expect(nora.get_by_role("link", name="carol.work@example.invalid")).to_be_visible()
    expect(nora.get_by_role("link", name="+46 8 555 010 20")).to_have_attribute(
        "href", "tel:+46855501020"
    )
    axe_check(nora)

    # The e-mail the shelter got, on the demo's page of sent e-mails: no name, a link.
    nora.goto("/")
    nora.get_by_role("link", name="Open the sent e-mails").click()
    mail = nora.get_by_role("listitem").filter(has_text="Childpath: new referral (emergency)")
    expect(mail).to_contain_text("dana@example.invalid")
    expect(mail).to_contain_text(f"/pathways/referrals/{referral.pk}/")
    expect(mail).not_to_contain_text("Testina")
    expect(mail).not_to_contain_text(case.reference)
    axe_check(nora)
    no_sideways_scroll(nora)

    # The shelter declines, saying why.
    nora.goto(f"/pathways/referrals/{referral.pk}/")
    nora.get_by_label("Why can the service not take the child?").fill("No beds tonight.")
    nora.get_by_role("button", name="Decline").click()
    expect(nora.get_by_text("The referral is updated.")).to_be_visible()

    # The coordinator is notified, with the reason, and by e-mail without it.
    lena = open_as(coordinator)
    main_menu(lena).get_by_role("link", name=re.compile(r"Notifications \(\d unread\)")).click()
    expect(lena.get_by_text("Test Shelter Beds declined the referral")).to_be_visible()
    expect(lena.get_by_text("No beds tonight.")).to_be_visible()
    axe_check(lena)
    no_sideways_scroll(lena)
    lena.goto("/demo/mail/")
    declined = lena.get_by_role("listitem").filter(has_text="declined the referral")
    expect(declined.filter(has_text="carol@example.invalid")).to_have_count(1)
    expect(declined.first).not_to_contain_text("No beds tonight.")

    # The child's page shows how to reach the lead professional.
    lena.goto(f"/cases/{case.reference}/rights/child/")
    expect(lena.get_by_role("link", name="+46 8 555 010 20")).to_be_visible()
    expect(lena.get_by_role("link", name="carol.work@example.invalid")).to_be_visible()
    axe_check(lena)
    no_sideways_scroll(lena)

"""The whole cross-border flow in a real browser across two real instances (Sweden and a
fictional Serbia, each its own gunicorn, database and keys, paired): request, send,
acknowledge, accept, information request and answer, transfer; and a match query ("is this
child known in Serbia?"); with axe-core checks."""

import re
import time
from collections.abc import Iterator

import pytest
from django.db import connection
from django_otp.oath import TOTP
from playwright.sync_api import Browser, Page, expect

from childpath.exchange.e2e import harness
from childpath.exchange.e2e.driver import PASSWORD, totp_key
from tests.browser.conftest import axe_check, requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]


@pytest.fixture(scope="module")
def pair() -> Iterator[harness.Pair]:
    if connection.vendor != "sqlite":
        pytest.skip("runs on the SQLite pass of make test only: it brings its own databases")
    with harness.two_instances(8136) as pair:
        for instance in pair.instances:
            instance.worker(threads=1)
        yield pair


_used_steps: dict[tuple[str, str], int] = {}


def sign_in(browser: Browser, base: str, username: str) -> Page:
    context = browser.new_context(base_url=base, locale="en-GB")
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{base}/accounts/login/code/**")
    # What the user's authenticator app shows now. django-otp takes each code once: a user
    # who signed in during this 30-second step (in the other test) waits for the next code.
    totp = TOTP(bytes.fromhex(totp_key(username)))
    if _used_steps.get((base, username)) == totp.t():
        time.sleep(totp.step - (time.time() - totp.t0) % totp.step + 0.5)
        totp = TOTP(bytes.fromhex(totp_key(username)))
    _used_steps[(base, username)] = totp.t()
    code = str(totp.token()).zfill(6)
    page.get_by_label("Code", exact=True).fill(code)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")
    return page


def until(page: Page, text: str, tries: int = 60) -> None:
    """Reload until the other instance's message has arrived (the workers deliver it)."""
    for _ in range(tries):
        if page.get_by_text(text).count():
            return
        page.wait_for_timeout(500)
        page.reload()
    expect(page.get_by_text(text).first).to_be_visible()


def test_it_refers_a_child_abroad_and_transfers_the_case(
    browser: Browser, pair: harness.Pair
) -> None:
    se_url = f"http://127.0.0.1:{pair.se.port}"
    rs_url = f"http://127.0.0.1:{pair.rs.port}"
    reference = pair.se.drive("child")

    # The Swedish caseworker asks the national focal point to refer the child to Serbia.
    caseworker = sign_in(browser, se_url, "e2e.caseworker")
    caseworker.goto(f"/cases/{reference}/")
    caseworker.get_by_role("link", name="Ask the focal point to refer the child abroad").click()
    axe_check(caseworker)
    caseworker.get_by_label("Country").select_option("RS")
    caseworker.get_by_label("Why the child should be referred there").fill(
        "Fictional: his aunt in Serbia looked after him."
    )
    caseworker.get_by_role("radio", name="Urgent").check()
    caseworker.get_by_role("checkbox", name="given names").check()
    caseworker.get_by_role("checkbox", name="family name").check()
    caseworker.get_by_label("The child's views").fill("Fictional: wants to see his aunt.")
    caseworker.get_by_role("button", name="Send to the focal point").click()
    expect(caseworker.get_by_text("Asked of the focal point")).to_be_visible()

    # The Swedish focal point reviews it and sends it to the Serbian instance.
    se_focal = sign_in(browser, se_url, "e2e.focal")
    se_focal.get_by_role("link", name="Cross-border", exact=True).click()
    axe_check(se_focal)
    se_focal.get_by_role("link", name=re.compile(f"refer {reference}")).click()
    se_focal.get_by_label("Send to").select_option(label="Childpath RS (e2e) (RS)")
    se_focal.get_by_role("button", name="Send the request").click()
    expect(se_focal.get_by_text("Sent, waiting for an answer").first).to_be_visible()
    axe_check(se_focal)
    detail = se_focal.url

    # The Serbian focal point sees the request, without the name, with time counting down.
    rs_focal = sign_in(browser, rs_url, "e2e.focal")
    rs_focal.goto("/federation/")
    until(rs_focal, reference)
    rs_focal.get_by_role("link", name=re.compile("No case here yet")).first.click()
    expect(rs_focal.get_by_text(re.compile("hours left to answer"))).to_be_visible()
    expect(rs_focal.get_by_text("Testo")).to_have_count(0)
    axe_check(rs_focal)
    rs_focal.get_by_role("button", name="Acknowledge").click()
    rs_focal.get_by_label("Lead agency that will take the child").select_option(
        label="E2E social services RS"
    )
    rs_focal.get_by_role("button", name="Accept", exact=True).click()
    expect(rs_focal.get_by_text("Accepted").first).to_be_visible()
    # The case opened here has its own reference, linked to the Swedish one.
    expect(rs_focal.get_by_text(reference)).to_be_visible()

    # Both sides show the other's status.
    se_focal.goto(detail)
    until(se_focal, "E2E social services RS")
    expect(se_focal.get_by_text("Accepted").first).to_be_visible()

    # Serbia asks for information; Sweden answers.
    rs_focal.get_by_label("Topic").select_option("family_tracing")
    rs_focal.get_by_label("Question").fill("Fictional: when did he last see his aunt?")
    rs_focal.get_by_role("button", name="Send the question").click()
    until(se_focal, "when did he last see his aunt")
    se_focal.get_by_label("Answer").fill("Fictional: two years ago.")
    se_focal.get_by_role("button", name="Send the answer").click()
    axe_check(se_focal)
    until(rs_focal, "two years ago")

    # Sweden transfers the case: the identity travels; the Swedish case closes, linked.
    se_focal.get_by_role("button", name="Transfer", exact=True).click()
    expect(se_focal.get_by_text("Case transferred").first).to_be_visible()
    until(rs_focal, "Case transferred")
    caseworker.goto(f"/cases/{reference}/")
    expect(caseworker.get_by_text(re.compile("Case closed: transferred to Serbia"))).to_be_visible()
    axe_check(caseworker)


def test_it_asks_whether_a_child_is_known_in_serbia(browser: Browser, pair: harness.Pair) -> None:
    se_url = f"http://127.0.0.1:{pair.se.port}"
    # As in the demo: Serbia knows Stefan in Cyrillic, Sweden registered him in Latin letters
    # (fictional); the two instances share a linkage key, made out of band.
    serbian = pair.rs.drive("known_child", "Стефан", "Пример", "2011-03-14", "sr")
    swedish = pair.se.drive("known_child", "Stefan", "Primer", "2011-03-14", "sr")

    # The Swedish focal point asks from the case; only a keyed encoding travels.
    se_focal = sign_in(browser, se_url, "e2e.focal")
    se_focal.goto(f"/cases/{swedish}/")
    section = se_focal.get_by_role("region", name="Known in another country?")
    axe_check(se_focal)
    section.get_by_label("Country").select_option(pair.rs.instance_id)
    section.get_by_role("button", name="Ask whether this child is known there").click()
    expect(se_focal.get_by_text("the answer will appear here")).to_be_visible()
    axe_check(se_focal)

    # The federation workers carry the query there and the answer back: Serbia's own
    # reference, how likely, the fields that agreed, and never a name.
    until(se_focal, serbian)
    answer = se_focal.get_by_role("region", name="Known in another country?")
    # Other children there may be candidates too (the first test's, when it ran before).
    stefan = answer.get_by_role("listitem").filter(has_text=serbian)
    expect(stefan).to_contain_text(re.compile(f"{serbian} · probability"))
    expect(stefan).to_contain_text(re.compile("agreeing: .*family_name"))
    expect(answer.get_by_text("Стефан")).to_have_count(0)
    expect(se_focal.get_by_text("Пример")).to_have_count(0)
    axe_check(se_focal)

"""Two-factor sign-in in a real browser: enrolment with the QR code's key, signing in with the
app and with a recovery code, adding a phone and removing the old one; axe-core on every page.
"""

import re
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from childpath.accounts.models import User
from conftest import PASSWORD
from tests.browser.conftest import axe_check, current_code, login, requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]


def _code_from_key(page: Page) -> str:
    """What an authenticator app shows after the key on the page is typed into it."""
    key = page.locator("code.secret").inner_text().replace(" ", "")
    secret = b32decode(key + "=" * (-len(key) % 8))
    return str(TOTP(secret).token()).zfill(6)


def _password(page: Page, live_server: LiveServer, user: User) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()


def test_a_caseworker_enrols_at_the_first_sign_in(
    page: Page, live_server: LiveServer, caseworker: User
) -> None:
    _password(page, live_server, caseworker)
    expect(page.get_by_role("heading", level=1, name="Set up two-factor sign-in")).to_be_visible()
    expect(page.get_by_role("img", name="QR code for the authenticator app")).to_be_visible()
    axe_check(page)
    page.get_by_label("Code from the app").fill(_code_from_key(page))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1, name="Recovery codes")).to_be_visible()
    axe_check(page)
    codes = page.locator("ul.codes code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name="I have kept them, continue").click()
    expect(page.get_by_role("link", name="Cases", exact=True)).to_be_visible()
    assert TOTPDevice.objects.get(user=caseworker).confirmed


def test_a_wrong_code_is_refused_with_a_message(
    page: Page, live_server: LiveServer, caseworker: User
) -> None:
    TOTPDevice.objects.create(user=caseworker, name="Phone", confirmed=True)
    _password(page, live_server, caseworker)
    page.get_by_label("Code", exact=True).fill("000000")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("That code is not right")
    axe_check(page)
    expect(page.get_by_role("link", name="Cases", exact=True)).to_have_count(0)


def test_a_caseworker_signs_in_with_the_app(
    page: Page, live_server: LiveServer, caseworker: User
) -> None:
    device = TOTPDevice.objects.create(user=caseworker, name="Phone", confirmed=True)
    _password(page, live_server, caseworker)
    expect(page.get_by_role("heading", level=1, name="Code from your app")).to_be_visible()
    axe_check(page)
    page.get_by_label("Code", exact=True).fill(current_code(device))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="Cases", exact=True)).to_be_visible()


def test_a_caseworker_without_the_phone_signs_in_with_a_recovery_code(
    page: Page, live_server: LiveServer, caseworker: User
) -> None:
    login(page, live_server, caseworker)
    page.get_by_role("link", name="Two-factor sign-in").click()
    page.get_by_role("link", name="Make new recovery codes").click()
    page.get_by_role("button", name="Make new recovery codes").click()
    codes = page.locator("ul.codes code").all_inner_texts()
    page.get_by_role("button", name="Sign out").click()
    _password(page, live_server, caseworker)
    page.get_by_label("Code", exact=True).fill(codes[0])
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("status")).to_contain_text("You signed in with a recovery code")
    expect(page.get_by_role("status")).to_contain_text("9 are left")
    axe_check(page)
    assert StaticToken.objects.filter(device__user=caseworker).count() == 9


def test_a_caseworker_adds_a_new_phone_and_removes_the_old_one(
    page: Page, live_server: LiveServer, caseworker: User
) -> None:
    login(page, live_server, caseworker)
    page.get_by_role("link", name="Two-factor sign-in").click()
    expect(page.get_by_role("heading", level=1, name="Two-factor sign-in")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Add an authenticator app").click()
    axe_check(page)
    page.get_by_label("Code from the app").fill(_code_from_key(page))
    page.get_by_role("button", name="Confirm").click()
    # A first app's confirmation also gives the recovery codes the user did not have yet.
    expect(page.get_by_role("heading", level=1, name="Recovery codes")).to_be_visible()
    page.get_by_role("link", name="Two-factor sign-in").click()
    # The first app came with the sign-in; removing it leaves the new one.
    old = TOTPDevice.objects.get(user=caseworker, name="Test phone")
    page.get_by_role("button", name=re.compile(r"^Remove Test phone")).click()
    expect(page.get_by_role("status")).to_contain_text("The authenticator app is removed.")
    axe_check(page)
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    assert TOTPDevice.objects.filter(user=caseworker, confirmed=True).count() == 1
    # The last one stays.
    page.get_by_role("button", name=re.compile(r"^Remove ")).click()
    expect(page.get_by_role("status")).to_contain_text("This is your only authenticator app")
    assert TOTPDevice.objects.filter(user=caseworker, confirmed=True).count() == 1

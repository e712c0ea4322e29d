"""Passkeys in a real browser: Chromium's virtual authenticator (DevTools' WebAuthn domain)
stands in for the laptop's screen lock. A caseworker adds a passkey on the two-factor page,
signs in with it at the second step, and removes it; axe-core on every page, and no
Content-Security-Policy violation on the way (the package's scripts run from static files).
"""

import re

import pytest
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from childpath.accounts.models import User
from childpath.audit.models import AuditEvent
from conftest import PASSWORD
from tests.browser.conftest import axe_check, login, requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium]


def _virtual_authenticator(page: Page) -> None:
    """A platform authenticator that says yes at once, with user verification."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


def _csp_violations(page: Page) -> list[str]:
    found: list[str] = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return found


def test_a_caseworker_adds_a_passkey_signs_in_with_it_and_removes_it(
    page: Page, live_server: LiveServer, caseworker: User
) -> None:
    assert live_server.url.startswith("http://localhost:"), "passkeys need a host name"
    violations = _csp_violations(page)
    _virtual_authenticator(page)
    login(page, live_server, caseworker)
    page.get_by_role("link", name="Two-factor sign-in").click()
    expect(page.get_by_role("heading", level=2, name="Passkeys")).to_be_visible()
    expect(page.get_by_text("You have no passkey yet.")).to_be_visible()
    axe_check(page)

    page.get_by_role("button", name="Add a passkey").click()
    expect(page.get_by_role("status")).to_contain_text("The passkey is added.")
    passkeys = page.get_by_role("region", name="Passkeys")
    expect(passkeys.get_by_role("rowheader", name="Passkey")).to_be_visible()
    axe_check(page)
    assert WebAuthnCredential.objects.filter(user=caseworker, confirmed=True).count() == 1
    assert AuditEvent.objects.filter(action="signin.device_added", fields=["webauthn"]).exists()

    page.get_by_role("button", name="Sign out").click()
    page.goto(f"{live_server.url}/accounts/login/?next=/cases/")
    page.get_by_label("Username").fill(caseworker.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=2, name="Or use your passkey")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Sign in with a passkey").click()
    page.wait_for_url(f"{live_server.url}/cases/")
    expect(page.get_by_role("link", name="Cases", exact=True)).to_be_visible()
    assert WebAuthnCredential.objects.get(user=caseworker).last_used_at is not None

    page.get_by_role("link", name="Two-factor sign-in").click()
    expect(passkeys.get_by_role("rowheader")).to_have_text(
        re.compile(r"Passkey \(used for this sign-in\)")
    )
    page.get_by_role("button", name="Remove Passkey").click()
    expect(page.get_by_role("status")).to_contain_text("The passkey is removed.")
    axe_check(page)
    assert not WebAuthnCredential.objects.filter(user=caseworker).exists()
    # Still signed in: the session stands on the authenticator app now.
    expect(page.get_by_role("link", name="Cases", exact=True)).to_be_visible()
    assert violations == []

"""Passkeys (WebAuthn) as a second factor, with django-otp-webauthn and py_webauthn.

A passkey is a django-otp device like the authenticator app: after the password, the browser
signs the server's challenge with a key that never leaves the user's device (or password
manager), bound to this instance's host name, so a look-alike site gets nothing it can use.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.http.request import split_domain_port
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential

NAME = "Passkey"


def rp_id(request: HttpRequest) -> str:
    """The relying party id: ``PASSKEY_RP_ID``, else the host the page was served from
    (``ALLOWED_HOSTS`` has checked it), without the port."""
    if settings.PASSKEY_RP_ID:
        return str(settings.PASSKEY_RP_ID)
    domain, _port = split_domain_port(request.get_host())
    return domain


def host_is_address(request: HttpRequest) -> bool:
    """WebAuthn needs a host name: browsers refuse passkeys on http://127.0.0.1 (an IP
    address is no valid relying party id), though they accept http://localhost."""
    domain, _port = split_domain_port(request.get_host())
    return domain.replace(".", "").isdigit() or domain.startswith("[")


class PasskeyHelper(WebAuthnHelper):
    def get_relying_party_domain(self) -> str:
        return rp_id(self.request)

    def get_allowed_origins(self) -> list[str]:
        """``PASSKEY_ORIGINS``, else the origin of the page itself."""
        if settings.OTP_WEBAUTHN_ALLOWED_ORIGINS:
            return list(settings.OTP_WEBAUTHN_ALLOWED_ORIGINS)
        return [f"{self.request.scheme}://{self.request.get_host()}"]

    def create_credential(self, user: Any, *args: Any, **kwargs: Any) -> Any:
        """Named "Passkey", "Passkey 2"... so that the user tells them apart on the list."""
        device = super().create_credential(user, *args, **kwargs)
        taken = set(WebAuthnCredential.objects.filter(user=user).values_list("name", flat=True))
        number = 1
        while (name := NAME if number == 1 else f"{NAME} {number}") in taken:
            number += 1
        device.name = name
        return device


# The messages of django-otp-webauthn's scripts (static/django_otp_webauthn/*.js, which call
# gettext()), translated in this app's catalogue: the package's own covers few languages.
# tests/test_passkeys.py fails when an upgrade of the package brings a message not listed here.
SCRIPT_MESSAGES = [
    gettext_noop("An error occurred during registration."),
    gettext_noop("An error occurred during verification."),
    gettext_noop("Finishing registration..."),
    gettext_noop("Finishing verification..."),
    gettext_noop("Register a Passkey"),
    gettext_noop("Registering..."),
    gettext_noop("Registration aborted or not allowed."),
    gettext_noop("Registration aborted."),
    gettext_noop("Registration failed. A server error occurred."),
    gettext_noop(
        "Registration failed. A technical problem occurred that prevents you from "
        "registering a Passkey for this site."
    ),
    gettext_noop("Registration failed. An unknown error occurred."),
    gettext_noop("Registration failed. The server was unable to verify this passkey."),
    gettext_noop("Registration failed. Unable to fetch registration options from server."),
    gettext_noop(
        "Registration failed. You most likely already have a Passkey registered for this site."
    ),
    gettext_noop("Registration successful!"),
    gettext_noop("Verification aborted."),
    gettext_noop("Verification canceled or not allowed."),
    gettext_noop("Verification failed. A server error occurred."),
    gettext_noop("Verification failed. An unknown error occurred."),
    gettext_noop("Verification failed. An unknown server error occurred."),
    gettext_noop("Verification failed. Could not retrieve parameters from the server."),
    gettext_noop("Verification successful!"),
    gettext_noop("Verify with Passkey"),
    gettext_noop("Verifying..."),
]


def script_context(request: HttpRequest, script: str) -> dict[str, Any]:
    """What ``signin/passkey_scripts.html`` needs: the package's script, its configuration
    (this app's URLs) and its messages in the current language, both as JSON data blocks,
    which the Content-Security-Policy allows since they are never run."""
    return {
        "passkey_script": f"django_otp_webauthn/otp_webauthn_{script}.js",
        "passkey_config": {
            "autocompleteLoginFieldSelector": None,
            # Not the first input named "next": the language menu has one too.
            "nextFieldSelector": "#signin-next",
            "csrfToken": get_token(request),
            "beginAuthenticationUrl": reverse("signin-passkey-begin"),
            "completeAuthenticationUrl": reverse("signin-passkey-complete"),
            "beginRegistrationUrl": reverse("signin-passkey-register-begin"),
            "completeRegistrationUrl": reverse("signin-passkey-register-complete"),
        },
        "passkey_messages": {message: _(message) for message in SCRIPT_MESSAGES},
    }


def localhost_address(request: HttpRequest) -> str:
    """This page's address with ``localhost`` for a loopback address, where passkeys work;
    "" for any other address."""
    domain, port = split_domain_port(request.get_host())
    if domain not in {"127.0.0.1", "[::1]"}:
        return ""
    host = f"localhost:{port}" if port else "localhost"
    return f"{request.scheme}://{host}{request.get_full_path()}"

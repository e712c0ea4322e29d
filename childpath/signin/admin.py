"""Second factors and tokens stay out of the administration: an authenticator's secret in a
list view would let whoever reads it give anyone's second factor. Administrators reset a
user's two-factor sign-in on its own audited page (``signin-reset``) instead. Passkeys hold
no secret, but a change through the administration would escape the audit trail."""

from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnAttestation, WebAuthnCredential, WebAuthnUserHandle
from knox.models import AuthToken

for model in (
    TOTPDevice,
    StaticDevice,
    AuthToken,
    WebAuthnCredential,
    WebAuthnAttestation,
    WebAuthnUserHandle,
):
    if admin.site.is_registered(model):
        admin.site.unregister(model)

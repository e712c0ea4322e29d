"""Every change to a user's second factors and API tokens, audited (DESIGN.md section 7)."""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential
from knox.models import AuthToken

from childpath.accounts.models import Role, User
from childpath.audit.services import record

AUTHENTICATOR = "Authenticator app"
RECOVERY = "Recovery codes"


def start_totp_enrolment(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator the user is setting up (the same one until confirmed,
    so reloading the page does not change the QR code). Nothing is audited until it is
    confirmed: an unconfirmed device signs nobody in."""
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, confirmed=False)
    return device


def confirm_totp(*, user: User, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the authenticator with a code from it; the new recovery codes if the user had
    none (shown once), [] if the user keeps the ones they have, None for a wrong code."""
    if device.user_id != user.pk or device.confirmed:
        raise PermissionDenied
    with transaction.atomic():
        if not device.verify_token(code.strip()):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        record(actor=user, action="signin.device_added", fields=["totp"])
        if StaticDevice.objects.filter(user=user, confirmed=True).exists():
            return []
        return _replace_recovery_codes(user)


def new_recovery_codes(*, user: User) -> list[str]:
    """Replace the user's recovery codes with new ones; the old ones stop working."""
    with transaction.atomic():
        return _replace_recovery_codes(user)


def _replace_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY, confirmed=True)
    codes = [StaticToken.random_token() for _n in range(settings.RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    record(actor=user, action="signin.recovery_codes_created", fields=["static"])
    return codes


def verify_second_factor(*, user: User, code: str) -> Device | None:
    """The device that accepts the code: an authenticator app, else a recovery code (used
    up). django-otp throttles each device after failures (growing delays)."""
    code = "".join(code.split())
    if not code:
        return None
    with transaction.atomic():
        for totp in TOTPDevice.objects.filter(user=user, confirmed=True).select_for_update():
            if totp.verify_token(code):
                return totp
        for static in StaticDevice.objects.filter(user=user, confirmed=True).select_for_update():
            if static.verify_token(code.lower()):
                record(actor=user, action="signin.recovery_code_used", fields=["static"])
                return static
    return None


def remove_device(*, actor: User, device: Device) -> None:
    """A user removes one of their own authenticators; the last one stays, so that the
    account always has a second factor (add the new phone first, then remove the old)."""
    if device.user_id != actor.pk or not isinstance(device, TOTPDevice):
        raise PermissionDenied
    with transaction.atomic():
        others = TOTPDevice.objects.filter(user=actor, confirmed=True).exclude(pk=device.pk)
        if device.confirmed and not others.exists():
            raise ValidationError(
                _("This is your only authenticator app. Add another one before removing it.")
            )
        device.delete()
        record(actor=actor, action="signin.device_removed", fields=["totp"])


def add_passkey(
    *, user: User, helper: WebAuthnHelper, state: dict[str, Any], data: dict[str, Any]
) -> WebAuthnCredential:
    """Verify the browser's answer to the registration challenge and keep the passkey (its
    public key, never a secret), audited in the same transaction."""
    with transaction.atomic():
        device: WebAuthnCredential = helper.register_complete(user=user, state=state, data=data)
        record(actor=user, action="signin.device_added", fields=["webauthn"])
    return device


def remove_passkey(*, actor: User, device: WebAuthnCredential) -> None:
    """A user removes one of their own passkeys. Any can go: the authenticator app stays."""
    if device.user_id != actor.pk:
        raise PermissionDenied
    with transaction.atomic():
        device.delete()
        record(actor=actor, action="signin.device_removed", fields=["webauthn"])


def reset_two_factor(*, actor: User, user: User, reason: str) -> int:
    """An administrator's reset after a lost device: every device and API token of the user
    goes, open sessions lose their second factor, and the user enrols again at the next
    sign-in. Audited with the reason."""
    if not (actor.is_active and (actor.is_superuser or actor.role == Role.ADMINISTRATOR)):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the two-factor sign-in is reset.")]})
    with transaction.atomic():
        removed: int = TOTPDevice.objects.filter(user=user).delete()[0]
        removed += StaticDevice.objects.filter(user=user).delete()[0]
        removed += WebAuthnCredential.objects.filter(user=user).delete()[0]
        AuthToken.objects.filter(user=user).delete()
        record(
            actor=actor,
            action="signin.two_factor_reset",
            fields=["totp", "static", "webauthn", "api_tokens"],
            purpose=f"user {user.username}: {reason.strip()}"[:500],
        )
    return removed


def issue_token(*, user: User) -> tuple[AuthToken, str]:
    """A new API token after both factors; over the per-user limit the oldest goes."""
    with transaction.atomic():
        limit = settings.REST_KNOX["TOKEN_LIMIT_PER_USER"]
        if limit:
            keep = AuthToken.objects.filter(user=user).order_by("-created")[: limit - 1]
            AuthToken.objects.filter(user=user).exclude(digest__in=keep.values("digest")).delete()
        instance, token = AuthToken.objects.create(user=user)
        record(actor=user, action="signin.token_issued", fields=["api_token"])
    return instance, token


def revoke_token(*, actor: User, token: AuthToken) -> None:
    if token.user_id != actor.pk:
        raise PermissionDenied
    with transaction.atomic():
        token.delete()
        record(actor=actor, action="signin.token_revoked", fields=["api_token"])


def revoke_all_tokens(*, user: User, why: str) -> int:
    """After a password change or a deactivation: no token outlives the password."""
    with transaction.atomic():
        removed: int = AuthToken.objects.filter(user=user).delete()[0]
        if removed:
            record(actor=None, action="signin.tokens_revoked", fields=["api_token"], purpose=why)
    return removed

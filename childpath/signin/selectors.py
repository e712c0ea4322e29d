"""What the sign-in pages show."""

from datetime import datetime, timedelta
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import QuerySet
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from knox.models import AuthToken

from childpath.accounts.models import User


def authenticators(user: User) -> "QuerySet[Any]":
    found: QuerySet[Any] = TOTPDevice.objects.filter(user=user, confirmed=True)
    return found.order_by("created_at", "id")


def has_authenticator(user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def passkeys(user: User) -> "QuerySet[Any]":
    found: QuerySet[Any] = WebAuthnCredential.objects.filter(user=user, confirmed=True)
    return found.order_by("created_at", "id")


def has_passkey(user: User) -> bool:
    return bool(WebAuthnCredential.objects.filter(user=user, confirmed=True).exists())


def recovery_codes_left(user: User) -> int:
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


def tokens(user: User) -> "QuerySet[Any]":
    found: QuerySet[Any] = AuthToken.objects.filter(user=user)
    return found.order_by("-created")


def token_id(token: AuthToken) -> str:
    """A public handle for a token: the start of its hash, never the token itself."""
    return str(token.digest[:16])


def token_by_id(user: User, public_id: str) -> AuthToken | None:
    if len(public_id) != 16:
        return None
    return tokens(user).filter(digest__startswith=public_id).first()


def locked_until(username: str, ip_address: str) -> datetime | None:
    """When the lockout of this user name from this address ends (django-axes)."""
    attempt = (
        AccessAttempt.objects.filter(username=username, ip_address=ip_address or None)
        .select_related("expiration")
        .order_by("-attempt_time")
        .first()
    )
    if attempt is None:
        return None
    expiration = getattr(attempt, "expiration", None)
    if expiration is not None:
        until: datetime = expiration.expires_at
        return until
    start: datetime = attempt.attempt_time
    return start + timedelta(hours=settings.AXES_COOLOFF_TIME)

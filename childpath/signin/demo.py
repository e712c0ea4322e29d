"""The demo users come enrolled: one authenticator each, with a secret derived from this
install's SECRET_KEY (deterministic per install, different on every install), so that
``manage.py demo_users`` can show the current code."""

import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from childpath.accounts.models import User

DEMO_DEVICE = "Demo authenticator"


def demo_key(username: str) -> str:
    """20 bytes (hex) from the install's SECRET_KEY and the user name."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"childpath-demo-totp:{username}".encode(), hashlib.sha256
    ).digest()
    return digest[:20].hex()


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(totp.token()).zfill(device.digits)


def load(**context: Any) -> dict[str, int]:
    users: dict[str, User] = context["users"]
    enrolled = 0
    with transaction.atomic():
        for user in users.values():
            _device, created = TOTPDevice.objects.get_or_create(
                user=user,
                name=DEMO_DEVICE,
                defaults={"key": demo_key(user.username), "confirmed": True},
            )
            enrolled += created
    return {"enrolled_demo_users": enrolled}

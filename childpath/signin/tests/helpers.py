"""Signing in as a person does: the password, then a code from the authenticator app."""

from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from childpath.accounts.models import User
from conftest import PASSWORD

LOGIN = "/accounts/login/"
CODE = "/accounts/login/code/"
ENROL = "/accounts/login/enrol/"
TOKEN = "/api/v1/auth/token"


def authenticator(user: User) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The app's code now (or ``steps_ahead`` periods later: each code works only once)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + steps_ahead * device.step
    return str(totp.token()).zfill(device.digits)


def sign_in(client: Client, user: User, code: str | None = None) -> None:
    """Both steps; asserts that each one answered as it should."""
    device = authenticator(user)
    first = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert first.status_code == 302 and first["Location"].startswith(CODE), first
    second = client.post(CODE, {"code": code or code_for(device)})
    assert second.status_code == 302, second.content.decode()[:2000]

"""The signed-in user, their organisation and the verifying device, in one query.

Every page needs all three: Django's authentication middleware reads the user (with the
organisation, one join), then django-otp reads the device that gave the second factor. Two
ORM queries were most of a signed-in request's fixed cost (issue 17), so the common case
reads the device with its user and organisation in one statement, built once per process
(``childpath.signin.statement``).

Only a session that Django itself would accept takes the short path: it names a configured
backend whose ``get_user`` is the model backend's, a device of that user that is confirmed,
an active user (the backend's own ``user_can_authenticate``) and the session hash of the
current secret. For anything else the middleware leaves the request alone, and Django's
``get_user`` and django-otp decide exactly as they would without it: a changed password
flushes the session, a rotated secret's hash is upgraded, an unknown device unverifies.
"""

from __future__ import annotations

from typing import Any

import django_otp.middleware
from django.apps import apps
from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
    load_backend,
)
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.crypto import constant_time_compare
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device

from childpath.signin import statement


def _device_model(persistent_id: str) -> tuple[type[Device], int] | None:
    """The device model and id a persistent id names ("otp_totp.totpdevice/12")."""
    label, _, pk = persistent_id.rpartition("/")
    try:
        model = apps.get_model(label)
        return (model, int(pk)) if issubclass(model, Device) else None
    except (LookupError, ValueError):
        return None


def verified_device(request: HttpRequest) -> Device | None:
    """The session's confirmed device, with ``device.user`` the user Django's ``get_user``
    would return; None where Django and django-otp must decide themselves."""
    session = request.session
    try:
        user_id = get_user_model()._meta.pk.to_python(session[SESSION_KEY])  # type: ignore[union-attr]
        backend_path = session[BACKEND_SESSION_KEY]
        session_hash = session[HASH_SESSION_KEY]
        persistent_id = session[DEVICE_ID_SESSION_KEY]
    except (KeyError, ValidationError):
        return None
    if backend_path not in settings.AUTHENTICATION_BACKENDS or not isinstance(persistent_id, str):
        return None
    backend = load_backend(backend_path)
    if not isinstance(backend, ModelBackend) or type(backend).get_user is not ModelBackend.get_user:
        return None
    named = _device_model(
        django_otp.middleware.OTPMiddleware._normalize_persistent_id(persistent_id)
    )
    if named is None:
        return None
    model, pk = named
    device = statement.read(model, pk, user_id)
    if device is None:
        return None
    user = device.user  # type: ignore[attr-defined]
    if not backend.user_can_authenticate(user) or not isinstance(session_hash, str):
        return None
    if not constant_time_compare(session_hash, user.get_session_auth_hash()):
        return None
    return device


class OTPMiddleware(django_otp.middleware.OTPMiddleware):
    """django-otp's middleware, reading the user and the device together (``verified_device``)."""

    def _verify_user_sync(self, request: HttpRequest, user: Any) -> Any:
        device = None if hasattr(request, "_cached_user") else verified_device(request)
        if device is None:
            return super()._verify_user_sync(request, user)
        # Django's authentication middleware returns the cached user instead of reading it.
        request._cached_user = device.user  # type: ignore[attr-defined]
        self._init_user_fields(user)
        user.otp_device = self._finalize_device(request, user, device)
        return user

"""API authentication: a knox token (issued after the second factor) or a verified session."""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from rest_framework.authentication import SessionAuthentication
from rest_framework.request import Request


class TokenAuthentication(KnoxTokenAuthentication):
    """Hashed, expiring tokens; an inactive user's token is refused (knox checks it)."""


class VerifiedSessionAuthentication(SessionAuthentication):
    """The browser's session, only once the second factor was given: a session signed in
    with the password alone reaches no API answer."""

    def authenticate(self, request: Request) -> tuple[AbstractBaseUser, Any] | None:
        user = getattr(request._request, "user", None)
        if user is None or not user.is_active:
            return None
        is_verified = getattr(user, "is_verified", None)
        if is_verified is None or not is_verified():
            return None
        self.enforce_csrf(request)
        return (user, None)

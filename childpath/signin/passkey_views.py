"""The passkey ceremonies: django-otp-webauthn's views, fitted to this sign-in.

- Registration needs a session signed in with both factors (the middleware sees to pages,
  the package checks ``is_verified()`` again) and is audited.
- Authentication is the second step only, for the user of the pending sign-in (after the
  password): never passwordless, never for a user signed in already. A failure counts as a
  failed sign-in for django-axes, like a wrong code; the attempt is throttled like one.
- Errors answer in JSON in the user's language and are logged in one line.
"""

import logging
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import user_login_failed
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, resolve_url
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp_webauthn import exceptions, views
from django_otp_webauthn.models import WebAuthnCredential
from django_otp_webauthn.utils import rewrite_exceptions

from childpath.accounts.models import User
from childpath.lib.parsers import depth_of
from childpath.signin import selectors, services
from childpath.signin.passkeys import PasskeyHelper
from childpath.signin.views import PENDING, _complete, _next, _pending_user, locked_out

logger = logging.getLogger(__name__)

_MESSAGES = {
    "invalid_state": gettext_lazy("Please start again: this passkey check has expired."),
    "credential_not_found": gettext_lazy(
        "This passkey is not registered for your account. Use another one or the code from "
        "your app."
    ),
    "credential_user_mismatch": gettext_lazy(
        "This passkey is not registered for your account. Use another one or the code from "
        "your app."
    ),
    "credential_disabled": gettext_lazy(
        "This passkey is not registered for your account. Use another one or the code from "
        "your app."
    ),
    "not_authenticated": gettext_lazy("Please sign in again: the sign-in took too long."),
    "passwordless_login_disabled": gettext_lazy("Please sign in again: the sign-in took too long."),
    "user_not_verified": gettext_lazy("Please sign in again: the sign-in took too long."),
    "user_disabled": gettext_lazy("Please sign in again: the sign-in took too long."),
    "no_passkey": gettext_lazy("You have no passkey here. Type the code from your app instead."),
    "malformed_request": gettext_lazy("The browser's answer could not be read. Try again."),
}
_FAILED = gettext_lazy(
    "The passkey could not be checked. Try again, or type the code from your app."
)
_NOT_ADDED = gettext_lazy("The passkey could not be added. Try again.")


class NoPasskey(exceptions.OTPWebAuthnApiError):
    status_code = 400
    default_code = "no_passkey"


class _Answers:
    """JSON errors in the user's language, one log line each; JSON bodies behind the
    project's depth limit (Python's decoder recurses once per level)."""

    request: HttpRequest
    failed: Any = _FAILED

    @property
    def data(self) -> Any:
        """The parsed body (django-otp-webauthn's dispatch sets it on the request)."""
        return self.request.data  # type: ignore[attr-defined]

    def handle_exception(self, exc: Exception) -> HttpResponse:
        if isinstance(exc, exceptions.OTPWebAuthnApiError):
            logger.info("passkey ceremony refused at %s: %s", self.request.path, exc.code)
            detail = _MESSAGES.get(exc.code, self.failed)
            return JsonResponse({"detail": str(detail), "code": exc.code}, status=exc.status_code)
        raise exc

    def _parse_request_data(self, request: HttpRequest) -> Any:
        if request.content_type != "application/json":
            return request.POST
        if not request.body:
            return {}
        if depth_of(request.body) > settings.JSON_MAX_DEPTH:
            raise exceptions.MalformedRequest()
        data = super()._parse_request_data(request)  # type: ignore[misc]
        if not isinstance(data, dict):
            raise exceptions.MalformedRequest()
        return data

    def get_helper(self) -> PasskeyHelper:
        return PasskeyHelper(request=self.request)


class RegistrationBegin(_Answers, views.BeginCredentialRegistrationView):
    failed = _NOT_ADDED


class RegistrationComplete(_Answers, views.CompleteCredentialRegistrationView):
    failed = _NOT_ADDED

    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        user: User = self.request.user  # type: ignore[assignment]
        state = self.get_state()
        with rewrite_exceptions(logger=None):
            device = services.add_passkey(
                user=user, helper=self.get_helper(), state=state, data=self.data
            )
        messages.success(self.request, _("The passkey is added."))
        return JsonResponse({"id": device.pk})


class _PendingUser:
    """The user of the pending sign-in: the password was right a moment ago."""

    request: HttpRequest

    def get_user(self) -> User | None:
        if self.request.user.is_authenticated:
            return None
        return _pending_user(self.request)

    def check_can_authenticate(self) -> None:
        user = self.get_user()
        if user is None:
            raise exceptions.NotAuthenticated()
        if not selectors.has_passkey(user):
            raise NoPasskey()


class AuthenticationBegin(_Answers, _PendingUser, views.BeginCredentialAuthenticationView):
    pass


class AuthenticationComplete(_Answers, _PendingUser, views.CompleteCredentialAuthenticationView):
    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        request = self.request
        user = self.get_user()
        assert user is not None  # check_can_authenticate refused otherwise
        credentials = {"username": user.username}
        if AxesProxyHandler.is_locked(request, credentials):
            request.session.pop(PENDING, None)
            return locked_out(request, None, credentials)
        state = self.get_state()
        try:
            with rewrite_exceptions(logger=None):
                device = self.get_helper().authenticate_complete(
                    user=user, state=state, data=self.data
                )
            self.check_device_usable(device)
        except exceptions.OTPWebAuthnApiError:
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                request.session.pop(PENDING, None)
                return locked_out(request, None, credentials)
            raise
        _complete(request, user, device)
        return JsonResponse({"id": device.pk, "redirect_url": resolve_url(_next(request))})


@require_POST
@login_required
def passkey_remove(request: HttpRequest, device_id: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    device = get_object_or_404(WebAuthnCredential, pk=device_id, user=user)
    was_current = getattr(user, "otp_device", None) == device
    services.remove_passkey(actor=user, device=device)
    if was_current:
        # The session was verified with the removed passkey; it stays verified with the
        # user's app, since the person proved both factors at sign-in.
        otp_login(request, selectors.authenticators(user).first())
    messages.success(request, _("The passkey is removed."))
    return redirect("signin-devices")

"""Signing in with two factors: the password, then a code (or, the first time, enrolment).

The session is signed in only once both factors are given: after the password it holds a
pending sign-in (the user and the time, for ``SIGNIN_PENDING_SECONDS``), never a user.
"""

import time
from base64 import b32encode
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import user_login_failed
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from childpath.accounts.forms import LoginForm
from childpath.accounts.models import Role, User
from childpath.lib import qr
from childpath.signin import passkeys, selectors, services
from childpath.signin.client import client_ip
from childpath.signin.forms import CodeForm, EnrolForm, ResetTwoFactorForm

PENDING = "signin.pending"
FRESH_CODES = "signin.fresh_codes"


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return str(settings.LOGIN_REDIRECT_URL)


def _pending_user(request: HttpRequest) -> User | None:
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > settings.SIGNIN_PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    return user


def _complete(request: HttpRequest, user: User, device: Device) -> None:
    """Both factors given: sign in (new session key), bind the device to the session.
    ``user_logged_in`` resets django-axes' failure count (AXES_RESET_ON_SUCCESS)."""
    backend = request.session[PENDING]["backend"]
    request.session.pop(PENDING, None)
    auth_login(request, user, backend=backend)
    otp_login(request, device)


@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.user.is_verified():  # type: ignore[union-attr,attr-defined]
        return redirect(_next(request))
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        request.session.cycle_key()
        request.session[PENDING] = {
            "user": user.pk,
            "backend": getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[-1]),
            "at": time.time(),
        }
        step = "signin-code" if selectors.has_authenticator(user) else "signin-enrol"
        response = redirect(step)
        next_url = _next(request)
        if next_url != settings.LOGIN_REDIRECT_URL:
            response["Location"] += "?" + _query(next_url)
        return response
    # On the demo the page leads a tester to the e-mails the demo sent (childpath.demo).
    context = {"form": form, "next": _next(request), "demo": settings.CHILDPATH_DEMO}
    return render(request, "signin/login.html", context)


def _query(next_url: str) -> str:
    return urlencode({"next": next_url})


@never_cache
def code_view(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        messages.info(request, _("Please sign in again: the sign-in took too long."))
        return redirect("login")
    if not selectors.has_authenticator(user):
        return redirect("signin-enrol")
    credentials = {"username": user.username}
    if AxesProxyHandler.is_locked(request, credentials):
        request.session.pop(PENDING, None)
        return locked_out(request, None, credentials)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.verify_second_factor(user=user, code=form.cleaned_data["code"])
        if device is not None:
            _complete(request, user, device)
            if isinstance(device, StaticDevice):
                messages.warning(
                    request,
                    _(
                        "You signed in with a recovery code; it cannot be used again. "
                        "%(left)d are left. If you lost your phone, add a new authenticator "
                        "app and remove the old one in Two-factor sign-in."
                    )
                    % {"left": selectors.recovery_codes_left(user)},
                )
            return redirect(_next(request))
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            request.session.pop(PENDING, None)
            return locked_out(request, None, credentials)
        form.add_error("code", _("That code is not right, or it was used already. Try again."))
    context: dict[str, Any] = {
        "form": form,
        "next": _next(request),
        "demo": settings.CHILDPATH_DEMO,
        "passkey": selectors.has_passkey(user),
    }
    if context["passkey"]:
        context.update(passkeys.script_context(request, "auth"))
    return render(request, "signin/code.html", context)


def _qr_svg(device: TOTPDevice) -> str:
    return qr.svg(device.config_url, title=str(_("QR code for the authenticator app")))


def _grouped_secret(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
def enrol_view(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: at the first sign-in, or later to add another one."""
    first_time = not request.user.is_authenticated
    if first_time:
        pending = _pending_user(request)
        if pending is None:
            messages.info(request, _("Please sign in again: the sign-in took too long."))
            return redirect("login")
        if selectors.has_authenticator(pending):
            return redirect("signin-code")
        user = pending
    else:
        user = request.user  # type: ignore[assignment]
    device = services.start_totp_enrolment(user=user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.confirm_totp(user=user, device=device, code=form.cleaned_data["code"])
        if codes is not None:
            if first_time:
                _complete(request, user, device)
            if codes:
                request.session[FRESH_CODES] = codes
                return redirect("signin-recovery-codes")
            messages.success(request, _("The authenticator app is added."))
            return redirect("signin-devices")
        if first_time:
            user_login_failed.send(
                sender=__name__, credentials={"username": user.username}, request=request
            )
        form.add_error(
            "code",
            _("That code is not right. Check that the phone's clock is right and try again."),
        )
    return render(
        request,
        "signin/enrol.html",
        {
            "form": form,
            "qr": _qr_svg(device),
            "secret": _grouped_secret(device),
            "first_time": first_time,
            "next": _next(request),
        },
    )


@never_cache
@login_required
def recovery_codes_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        request.session[FRESH_CODES] = services.new_recovery_codes(user=request.user)  # type: ignore[arg-type]
        return redirect("signin-recovery-codes")
    codes = request.session.pop(FRESH_CODES, None)
    return render(
        request,
        "signin/recovery_codes.html",
        {"codes": codes, "left": selectors.recovery_codes_left(request.user)},  # type: ignore[arg-type]
    )


@never_cache
@login_required
def devices_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    current = getattr(user, "otp_device", None)
    tokens = [
        {
            "id": selectors.token_id(token),
            "created": token.created,
            "expiry": token.expiry,
        }
        for token in selectors.tokens(user)
    ]
    context: dict[str, Any] = {
        "devices": selectors.authenticators(user),
        "passkeys": selectors.passkeys(user),
        "current_device": current.persistent_id if current else "",
        "left": selectors.recovery_codes_left(user),
        "tokens": tokens,
        "passkey_needs_name": passkeys.host_is_address(request),
        "localhost_address": passkeys.localhost_address(request),
    }
    context.update(passkeys.script_context(request, "register"))
    return render(request, "signin/devices.html", context)


@require_POST
@login_required
def device_remove(request: HttpRequest, device_id: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    device = get_object_or_404(TOTPDevice, pk=device_id, user=user)
    was_current = getattr(user, "otp_device", None) == device
    try:
        services.remove_device(actor=user, device=device)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("signin-devices")
    if was_current:
        # The session was verified with the removed app; it stays verified with another
        # of the user's apps, since the person proved both factors at sign-in.
        otp_login(request, selectors.authenticators(user).first())
    messages.success(request, _("The authenticator app is removed."))
    return redirect("signin-devices")


@require_POST
@login_required
def token_revoke(request: HttpRequest, token_id: str) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    token = selectors.token_by_id(user, token_id)
    if token is None:
        return redirect("signin-devices")
    services.revoke_token(actor=user, token=token)
    messages.success(request, _("The API token is revoked."))
    return redirect("signin-devices")


@never_cache
@login_required
def reset_view(request: HttpRequest) -> HttpResponse:
    """An administrator resets the two-factor sign-in of a user who lost their device."""
    actor: User = request.user  # type: ignore[assignment]
    if not (actor.is_superuser or actor.role == Role.ADMINISTRATOR):
        raise PermissionDenied
    form = ResetTwoFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = User.objects.filter(username=form.cleaned_data["username"]).first()
        if user is None:
            form.add_error("username", _("There is no user with this user name."))
        else:
            try:
                services.reset_two_factor(
                    actor=actor, user=user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form.add_error("reason", " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _(
                        "The two-factor sign-in of %(username)s is reset. They set up a new "
                        "authenticator app at their next sign-in."
                    )
                    % {"username": user.username},
                )
                return redirect("signin-reset")
    return render(request, "signin/reset.html", {"form": form})


def locked_out(
    request: HttpRequest, original_response: Any = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """django-axes' lockout answer: that the account is locked, and until when."""
    username = str((credentials or {}).get("username") or request.POST.get("username", ""))
    until = selectors.locked_until(username, client_ip(request))
    if until is None:
        until = timezone.now() + timedelta(hours=settings.AXES_COOLOFF_TIME)
    local_until = timezone.localtime(until)
    when = date_format(local_until, "DATETIME_FORMAT")
    message = _(
        "This account is locked after too many failed sign-in attempts, until %(until)s. "
        "Try again then, or ask your administrator to unlock it."
    ) % {"until": when}
    retry_after = max(1, int((until - timezone.now()).total_seconds()))
    response: HttpResponse
    # The API and the passkey step (its script reads JSON) get JSON; pages get a page.
    if request.path.startswith("/api/") or request.content_type == "application/json":
        response = JsonResponse(
            {"detail": message, "locked_until": until.isoformat(timespec="seconds")}, status=429
        )
    else:
        response = render(
            request,
            "signin/locked_out.html",
            {"message": message, "until": local_until},
            status=429,
        )
    response["Retry-After"] = str(retry_after)
    return response


class LogoutView(auth_views.LogoutView):
    pass

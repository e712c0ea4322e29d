"""Pages only for users who gave both factors (DESIGN.md section 7)."""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

# Reachable without the second factor: signing in and out, the language, liveness, static
# files. The API is not here: its session authentication checks the second factor itself.
OPEN_PREFIXES = ("/accounts/login/", "/accounts/logout/", "/i18n/", "/api/", "/healthz")


class TwoFactorRequiredMiddleware:
    """A session signed in with a password alone (for example through the administration's
    own login form, or after an administrator reset the user's devices) is signed out and
    sent to the sign-in page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The path first: liveness checks and static files with a session cookie then
        # neither load the session nor read the user.
        if request.path.startswith(OPEN_PREFIXES) or request.path.startswith(
            f"/{settings.STATIC_URL.lstrip('/')}"
        ):
            return self.get_response(request)
        user = request.user
        if user.is_authenticated and not user.is_verified():  # type: ignore[union-attr,attr-defined]
            logout(request)
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)

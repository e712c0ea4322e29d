"""Throttling of sign-in attempts per client address and for the whole instance.

django-axes locks a user name from an address after repeated failures, but a flood with ever
new user names never trips it, and every attempt hashes a password (PBKDF2, hundreds of
milliseconds of CPU, on purpose), so eight clients took the case list of a signed-in user
from 41 ms to 1.6 s. Here every attempt (the password form, the code form, the token API) is
counted in fixed one-minute windows in the cache, and over the limit it is answered 429
before the session, the user or any password hash is touched.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from childpath.signin.client import client_ip

WINDOW_SECONDS = 60
# The POSTs that try a password, a code or a passkey.
PATHS = frozenset(
    {
        "/accounts/login/",
        "/accounts/login/code/",
        "/accounts/login/enrol/",
        "/accounts/login/passkey/complete/",
        "/api/v1/auth/token",
    }
)


def _count(key: str) -> int:
    # add() is atomic: the first attempt in a window creates the counter with its expiry.
    if cache.add(key, 1, timeout=WINDOW_SECONDS + 5):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=WINDOW_SECONDS + 5)
        return 1


def over_limit(request: HttpRequest) -> int | None:
    """Count this attempt; the seconds to wait if it is over a limit, else None."""
    now = time.time()
    window = int(now // WINDOW_SECONDS)
    retry_after = int((window + 1) * WINDOW_SECONDS - now) + 1
    if _count(f"signin:ip:{client_ip(request)}:{window}") > settings.SIGNIN_RATE_PER_ADDRESS:
        return retry_after
    # Only attempts that pass their address's limit count overall: one flooding address must
    # not use up the whole instance's budget and lock everyone else out.
    if _count(f"signin:all:{window}") > settings.SIGNIN_RATE_OVERALL:
        return retry_after
    return None


def throttled(request: HttpRequest, retry_after: int) -> HttpResponse:
    message = _("Too many sign-in attempts from here. Wait a minute and try again.")
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message, "retry_after": retry_after}, status=429)
    else:
        response = render(request, "signin/throttled.html", {"message": message}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


class SignInThrottleMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.path in PATHS:
            retry_after = over_limit(request)
            if retry_after is not None:
                return throttled(request, retry_after)
        return self.get_response(request)

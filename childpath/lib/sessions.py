"""Sliding sessions without a write on every request.

Django's ``SESSION_SAVE_EVERY_REQUEST`` renews a session's expiry by saving it on every
request: one ``UPDATE`` (and a commit, so an fsync) per page view, which cost a signed-in
request several times an anonymous one (issue 17). This middleware keeps the same idle
timeout (``SESSION_COOKIE_AGE``, 30 minutes) but renews it at most once per
``SESSION_REFRESH_INTERVAL`` seconds (60 by default): the stored expiry is then between
``SESSION_COOKIE_AGE - SESSION_REFRESH_INTERVAL`` and ``SESSION_COOKIE_AGE`` after the
last request, never longer than the configured age.

It only renews a session the request has actually read (for example to find the signed-in
user) and that holds something: a request that never looked at the session (``/healthz``,
static files) neither loads nor writes it, and an empty session is never created.
It depends on nothing but the session framework, so other middleware (two-factor
verification, for one) can sit beside it. Place it right after ``SessionMiddleware``, so that
its response phase runs before the session is saved.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

REFRESHED_KEY = "_childpath_refreshed"


def refresh_interval() -> int:
    return int(getattr(settings, "SESSION_REFRESH_INTERVAL", 60))


class SessionRefreshMiddleware:
    """Renews the idle timeout of a used session at most once per refresh interval."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.accessed or session.is_empty():
            # Not read by this request, or nothing to keep alive (anonymous, signed out,
            # expired): neither loaded nor written here.
            return response
        now = int(time.time())
        last = session.get(REFRESHED_KEY)
        stale = not isinstance(last, int) or not 0 <= now - last < refresh_interval()
        if session.modified or stale:
            # Marks the session modified: SessionMiddleware saves it with a new expiry.
            # When it is being saved anyway (sign-in, messages) this only records when.
            session[REFRESHED_KEY] = now
        return response

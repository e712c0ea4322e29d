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
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends import db
from django.db import connections, router
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

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


class SessionStore(db.SessionStore):
    """Django's database sessions, read with one plain statement instead of a queryset.

    Every signed-in request reads its session; building the ORM query for that one lookup
    cost about as much CPU as running it (issue 17, BENCHMARKS.md). The statement is the
    ORM's own (the key, and an expiry after now), and writing, creating and deleting a
    session stay Django's.
    """

    def _get_session_from_db(self) -> Any:
        session_key = self.session_key
        if session_key is None:
            return None
        model = self.model
        connection = connections[router.db_for_read(model)]
        quote = connection.ops.quote_name
        # Names from the model's own metadata (Django's session columns are its field
        # names), quoted; the values are parameters.
        sql = (
            f"SELECT {quote('session_data')} FROM {quote(model._meta.db_table)} "  # noqa: S608
            f"WHERE {quote('session_key')} = %s AND {quote('expire_date')} > %s"
        )
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(sql, [session_key, now])
            row = cursor.fetchone()
        if row is None:
            # As Django's: an unknown or expired key is forgotten, and a new one is made
            # if the session is saved.
            self._session_key = None
            return None
        # ``load`` reads only the data.
        return model(session_key=session_key, session_data=row[0])

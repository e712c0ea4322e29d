"""No trace of a visitor to the help pages (DESIGN.md 6.10): no cookie read or set, no referrer
sent on, nothing kept in the browser's cache, and neither the address nor the path of the
request in any log line (the gunicorn access log and Django's request logging).

A child looking for help may share a phone with the person they are afraid of, or the network
may belong to them: the server must not remember who came, and the browser as little as it can.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

# The help pages and their own static files (a request for help.css tells that someone came).
PREFIXES = ("/help/", "/static/help/")
HIDDEN = "/help/…"
# True while a help page request is being served: any log line written meanwhile (a database
# query logged with its parameters, a warning of some library) is hidden too.
_serving: ContextVar[bool] = ContextVar("serving_help_page", default=False)


def is_help_path(path: str) -> bool:
    return path == "/help" or path.startswith(PREFIXES)


class NoTraceMiddleware:
    """First in MIDDLEWARE, so every other middleware sees a request without cookies.

    Without cookies the session, CSRF and LocaleMiddleware find nothing to read (LocaleMiddleware
    would otherwise take the language from the ``django_language`` cookie; the help views take
    it from the address), and SessionMiddleware, which renews a signed-in professional's session
    cookie on every response (SESSION_SAVE_EVERY_REQUEST), has no session to renew. Any cookie
    that something still sets is dropped on the way out.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_help_path(request.path_info):
            return self.get_response(request)
        request.COOKIES = {}
        request.META.pop("HTTP_COOKIE", None)
        token = _serving.set(True)
        try:
            response = self.get_response(request)
        finally:
            _serving.reset(token)
        for name in list(response.cookies):
            del response.cookies[name]
        response["Referrer-Policy"] = "no-referrer"
        # Not kept on the device, and not restored by the back button from the page cache.
        response["Cache-Control"] = "no-store, private, max-age=0"
        # The site's policy, except that a child may share where they are to find help nearby.
        policy = getattr(settings, "PERMISSIONS_POLICY", "camera=(), microphone=()")
        if "geolocation=()" in policy:
            policy = policy.replace("geolocation=()", "geolocation=(self)")
        else:
            policy = f"{policy}, geolocation=(self)"
        response["Permissions-Policy"] = policy
        return response


def _request_path(record: logging.LogRecord) -> str:
    request = getattr(record, "request", None)
    path = getattr(request, "path", None)
    if isinstance(path, str):
        return path
    # django.server (runserver) passes the request line, "GET /help/ HTTP/1.1", as an argument.
    args = record.args if isinstance(record.args, tuple) else ()
    if args and isinstance(args[0], str) and " " in args[0]:
        parts = args[0].split(" ")
        return parts[1] if len(parts) > 1 else ""
    return ""


class HideHelpVisitors(logging.Filter):
    """A log record about a help page request loses its path, its address and its request."""

    def filter(self, record: logging.LogRecord) -> bool:
        if _serving.get() or is_help_path(_request_path(record)):
            status = getattr(record, "status_code", "") or record.levelname
            record.msg = "%s %s"
            record.args = (HIDDEN, status)
            record.request = None
        return True


try:
    from gunicorn.glogging import Logger as _GunicornLogger  # type: ignore[import-untyped]
except ImportError:  # pragma: no cover  (gunicorn is a dependency; keep imports cheap)
    _GunicornLogger = object  # type: ignore[assignment,misc]


class GunicornLogger(_GunicornLogger):  # type: ignore[misc,valid-type]
    """``gunicorn --logger-class childpath.help.notrace.GunicornLogger``: access log lines of
    help pages keep the time, method, status and size, never the address, path, query,
    referrer, user agent or any header."""

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> Any:
        if not is_help_path(str(environ.get("PATH_INFO", ""))):
            return super().atoms(resp, req, environ, request_time)
        bare = {
            "REQUEST_METHOD": environ.get("REQUEST_METHOD", "-"),
            "RAW_URI": HIDDEN,
            "PATH_INFO": HIDDEN,
            "QUERY_STRING": "",
            "SERVER_PROTOCOL": environ.get("SERVER_PROTOCOL", "-"),
        }
        atoms = super().atoms(resp, [], bare, request_time)
        return {k: v for k, v in atoms.items() if not k.endswith(("}i", "}o", "}e"))}

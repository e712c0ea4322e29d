"""A request id for every request, so audit events and logs of one request can be joined."""

import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

_current: ContextVar[str] = ContextVar("request_id", default="")


def current_request_id() -> str:
    """The id of the request being served, or "" outside a request (commands, tasks)."""
    return _current.get()


def incoming_request_id(request: HttpRequest) -> str | None:
    """The proxy's ``X-Request-ID``, if the proxy is trusted and the id is a real UUID.

    A client could otherwise write any id it likes into the audit trail (all zeros, or the
    id of another request to confuse an investigation).
    """
    if not settings.CHILDPATH_TRUSTED_PROXY:
        return None
    try:
        parsed = uuid.UUID(request.headers.get("X-Request-ID", ""))
    except ValueError:
        return None
    if parsed.int == 0 or parsed.int == (1 << 128) - 1:
        return None
    return str(parsed)


class RequestIdMiddleware:
    """Takes a well-formed ``X-Request-ID`` from a trusted proxy or makes one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = incoming_request_id(request) or str(uuid.uuid4())
        token = _current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response["X-Request-ID"] = request_id
        return response

"""Headers and limits every answer gets, whoever asked (DESIGN.md section 7)."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _


def too_large(request: HttpRequest) -> HttpResponse:
    """413, in JSON under /api/ and as a page elsewhere; the body is never read."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    message = _("The request body is larger than %(limit)d bytes.") % {"limit": limit}
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=413)
    html = render_to_string("413.html", {"message": message}, request=request)
    return HttpResponse(html, status=413)


class BodySizeLimitMiddleware:
    """Refuses a declared body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` before anyone reads it.

    Django checks the same limit when a view reads ``request.body`` (and answers with an HTML
    400); Django REST framework reads the stream itself. A declared length is checked here;
    a chunked body without one is cut at the limit by ``DATA_UPLOAD_MAX_MEMORY_SIZE`` in
    Django and by the JSON parser (``lib/parsers.py``).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return too_large(request)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """``Cache-Control: no-store`` and a Permissions-Policy on every dynamic answer.

    Case data must never stay in a browser's or a proxy's cache (a shared computer at a
    school or a shelter), so every page and API answer says ``no-store``; static files are
    served before this middleware (WhiteNoise) and keep their long cache.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        patch_cache_control(response, no_store=True, private=True)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

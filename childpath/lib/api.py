"""API plumbing shared by every app."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import page_not_found
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework import exceptions
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Domain ``ValidationError`` from a service becomes HTTP 400 with field errors."""
    if isinstance(exc, ValidationError):
        detail = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        exc = exceptions.ValidationError(detail=detail)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    return drf_exception_handler(exc, context)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 for a URL no route matches: JSON under /api/, as the API's own 404s; else the page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(exceptions.NotFound.default_detail)}, status=404)
    return page_not_found(request, exception)


# DRF's error bodies: {"detail": "..."} or {"field": ["message", ...]}.
ERROR_BODY = {"type": "object", "additionalProperties": {}}
ERRORS = {
    "400": "The input is not valid; the body names the fields and what is wrong.",
    "401": "No valid credentials were given.",
    "403": "Not allowed for this user, or the CSRF check failed for a browser session.",
    "404": "No such resource, or not one this user may see (the same answer).",
}


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's schema, plus the error answers each operation can give.

    Without them a client (and schemathesis) sees only the success code documented.
    """

    def get_operation(self, *args: Any, **kwargs: Any) -> Any:
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        places = {(p.get("in"), p.get("name")) for p in operation.get("parameters", [])}
        codes = {"403"}
        if "requestBody" in operation or any(where == "query" for where, _ in places):
            codes.add("400")
        if not all(isinstance(p, AllowAny) for p in self.view.get_permissions()):
            codes.add("401")
        if any(where == "path" for where, _ in places) or ("query", "page") in places:
            codes.add("404")
        responses = operation.setdefault("responses", {})
        for code in sorted(codes):
            responses.setdefault(
                code,
                {
                    "description": ERRORS[code],
                    "content": {"application/json": {"schema": ERROR_BODY}},
                },
            )
        return operation

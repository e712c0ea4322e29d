"""/api/v1/jurisdiction: the active profile."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from childpath.jurisdiction.active import current_profile
from childpath.jurisdiction.presenters import profile_data

_DURATION = {
    "type": "object",
    "nullable": True,
    "properties": {
        "amount": {"type": "integer"},
        "unit": {"type": "string", "enum": ["hours", "days", "working_days"]},
        "label": {"type": "string"},
    },
}
_CODED = {
    "type": "object",
    "properties": {"code": {"type": "string"}, "label": {"type": "string"}},
}
PROFILE_SCHEMA = {
    "type": "object",
    "properties": {
        "code": {"type": "string"},
        "country": {"type": "string", "nullable": True},
        "illustrative": {"type": "boolean"},
        "name": {"type": "string"},
        "summary": {"type": "string"},
        "identification": {
            "type": "object",
            "properties": {
                "social_path": {"type": "boolean"},
                "sectors": {"type": "array", "items": _CODED},
                "accreditation_required": {"type": "boolean"},
                "panels": {
                    "type": "object",
                    "properties": {
                        "allowed": {"type": "boolean"},
                        "min_members": {"type": "integer"},
                        "min_sectors": {"type": "integer"},
                    },
                },
                "paths": {"type": "array", "items": _CODED},
            },
        },
        "time_limits": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "code": {"type": "string"},
                    "title": {"type": "string"},
                    "duration": _DURATION,
                },
            },
        },
        "rights": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "code": {"type": "string"},
                    "title": {"type": "string"},
                    "when": {"type": "array", "items": _CODED},
                    "needs_formal_status": {"type": "boolean"},
                    "legal_basis": {"type": "string"},
                    "deadline": _DURATION,
                    "responsible": _CODED,
                },
            },
        },
        "referrals": {"type": "array", "items": {"type": "object"}},
    },
}


@extend_schema(
    operation_id="jurisdiction_retrieve",
    responses={200: OpenApiResponse(PROFILE_SCHEMA, description="The active profile.")},
)
@api_view(["GET"])
def jurisdiction_view(request: Request) -> Response:
    """The jurisdiction profile this instance runs: who may identify, rights, time limits.

    Labels are in the request's language (Accept-Language)."""
    return Response(profile_data(current_profile()))

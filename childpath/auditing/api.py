"""The audit trail over REST, for the auditor: events with filters, and the chain's state."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from childpath.audit.verify import verify
from childpath.auditing import selectors, services
from childpath.auditing.access import auditor
from childpath.auditing.selectors import Filters
from childpath.auditing.serializers import (
    AuditEventSerializer,
    ChainStateSerializer,
    FilterSerializer,
)
from childpath.lib.pagination import WindowPagination


@extend_schema(parameters=[FilterSerializer], responses=AuditEventSerializer(many=True))
@api_view(["GET"])
def audit_events(request: Request) -> Response:
    """Audit events, newest first, by case reference, user, organisation, action (a prefix
    such as ``case`` or one action) and period. Never case contents."""
    user = auditor(request)
    query = FilterSerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    filters = Filters(**query.validated_data)
    services.record_audit_read(actor=user, filters=filters, purpose="api")
    paginator = WindowPagination()
    page = paginator.paginate_queryset(selectors.events(filters), request)
    return paginator.get_paginated_response(AuditEventSerializer(page, many=True).data)


@extend_schema(responses=ChainStateSerializer)
@api_view(["GET"])
def audit_chain(request: Request) -> Response:
    """The state of the chain, as ``manage.py verify_audit`` reports it."""
    user = auditor(request)
    state = verify()
    services.record_verification(actor=user)
    body: dict[str, Any] = {
        "intact": state.intact,
        "events": state.events,
        "broken_at": state.broken.event_id if state.broken else None,
        "message": state.message,
    }
    return Response(ChainStateSerializer(body).data)

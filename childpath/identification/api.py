"""Identification decisions of a case, through the same access path and services as the pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from childpath.cases.access import case_user, get_case_for_user
from childpath.cases.services import record_read
from childpath.identification import history, services
from childpath.identification.serializers import (
    DecisionCreateSerializer,
    DecisionSerializer,
    IdentificationsSerializer,
)


@extend_schema(methods=["GET"], responses={200: IdentificationsSerializer})
@extend_schema(
    methods=["POST"], request=DecisionCreateSerializer, responses={201: DecisionSerializer}
)
@api_view(["GET", "POST"])
def case_identifications(request: Request, reference: str) -> Response:
    """GET: the status in force and every decision. POST: a formal identification by the
    caller's accredited organisation or a multi-agency panel, or a review of the decision in
    force (``reviews``). 403 names why a caller may not decide."""
    user = case_user(request)
    case = get_case_for_user(user, reference)
    if request.method == "POST":
        payload = DecisionCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            decision = services.record_decision(
                actor=user, case=case, decision=payload.decision_data()
            )
        except PermissionDenied as error:
            raise exceptions.PermissionDenied(str(error) or None) from error
        row = next(d for d in history.decisions(case) if d.pk == decision.pk)
        return Response(DecisionSerializer(row).data, status=status.HTTP_201_CREATED)
    decisions = history.decisions(case)
    # Reasons can hold details of what happened to the child: reading them is audited.
    record_read(actor=user, case=case, fields=("identification.reasons",))
    data = {"status": history.status_of(decisions), "results": decisions}
    return Response(IdentificationsSerializer(data).data)

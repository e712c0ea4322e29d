"""Referrals over REST (/api/v1/), through the same access path and services as the pages."""

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework import serializers as drf_serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from childpath.cases import services as case_services
from childpath.cases.access import case_user, get_case_for_user
from childpath.cases.models import Case
from childpath.directory.models import ServiceAtLocation
from childpath.referrals import access, selectors, services
from childpath.referrals.models import Referral
from childpath.referrals.serializers import (
    PathwaySerializer,
    ReferralCreateSerializer,
    ReferralSerializer,
    StatusChangeSerializer,
)
from childpath.referrals.services import ReferralData

WITH_RELATED = (
    "case",
    "service_at_location__service",
    "to_organisation",
    "from_organisation",
)


@extend_schema(methods=["GET"], responses={200: ReferralSerializer(many=True)})
@extend_schema(
    methods=["POST"], request=ReferralCreateSerializer, responses={201: ReferralSerializer}
)
@api_view(["GET", "POST"])
def case_referrals(request: Request, reference: str) -> Response:
    """A case's referrals; POST refers the child to a service at a location."""
    user = case_user(request)
    case = get_case_for_user(user, reference)
    context = {"team": True, "now": timezone.now()}
    if request.method == "POST":
        payload = ReferralCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        place = (
            ServiceAtLocation.objects.select_related("service__organization__organisation")
            .filter(pk=data.pop("service_at_location"))
            .first()
        )
        if place is None:
            message = _("No service at a location has this id.")
            raise drf_serializers.ValidationError({"service_at_location": [message]})
        referral = services.send_referral(
            actor=user, case=case, service_at_location=place, data=ReferralData(**data)
        )
        return Response(
            ReferralSerializer(referral, context=context).data, status=status.HTTP_201_CREATED
        )
    referrals = case.referrals.select_related(*WITH_RELATED)  # type: ignore[attr-defined]
    case_services.record_read(actor=user, case=case, fields=["referrals"])
    return Response(ReferralSerializer(referrals, many=True, context=context).data)


def _context(user: Any, referral: Referral) -> dict[str, Any]:
    return {"team": access.may_see_case(user, referral), "now": timezone.now()}


@extend_schema(responses={200: ReferralSerializer})
@api_view(["GET"])
def referral_detail(request: Request, referral_id: UUID) -> Response:
    """One referral, for the case team or the receiving service (which sees only what it
    shares)."""
    user = case_user(request)
    referral = access.get_referral_for_user(user, referral_id)
    services.record_reads(actor=user, referrals=[referral])
    return Response(ReferralSerializer(referral, context=_context(user, referral)).data)


@extend_schema(
    request=StatusChangeSerializer,
    responses={
        200: ReferralSerializer,
        400: OpenApiResponse(description="Not a change this referral allows, or no reason."),
    },
)
@api_view(["POST"])
def referral_status(request: Request, referral_id: UUID) -> Response:
    """Move a referral on. Receiver: acknowledged, accepted, declined (reason required),
    active, completed. Sender (the case team with edit access): withdrawn, no_response."""
    user = case_user(request)
    referral = access.get_referral_for_user(user, referral_id)
    if not access.sides(user, referral):
        raise PermissionDenied  # read-only access: 403 before looking at the input
    payload = StatusChangeSerializer(data=request.data)
    payload.is_valid(raise_exception=True)
    referral = services.change_status(actor=user, referral=referral, **payload.validated_data)
    return Response(ReferralSerializer(referral, context=_context(user, referral)).data)


class IncomingList(generics.ListAPIView[Referral]):
    """Referrals sent to the user's organisation, newest first: only what each shares."""

    serializer_class = ReferralSerializer

    def get_queryset(self) -> Any:
        return selectors.incoming(case_user(self.request)).select_related("case")

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "team": False, "now": timezone.now()}

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset()) or []
        services.record_reads(actor=case_user(request), referrals=page)
        body = self.get_serializer(page, many=True).data
        return self.get_paginated_response(body)


class PathwayList(generics.ListAPIView[Case]):
    """Children without a pathway, with the reasons and since when (as the /pathways/ page)."""

    serializer_class = PathwaySerializer

    def get_queryset(self) -> Any:
        return selectors.pathway_list(case_user(self.request))

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        rows = selectors.explain(page or [])
        return self.get_paginated_response(PathwaySerializer(rows, many=True).data)

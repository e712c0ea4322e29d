"""A case's rights and the information given to the child, over REST.

The same access path and services as the pages: 404 without access to the case; anyone who
may see the case may record a delivery (see services.py for why); recording that a right was
provided needs edit access (403 otherwise).
"""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from childpath.cases.access import case_user, get_case_for_user
from childpath.cases.models import Case
from childpath.cases.services import record_read, require_edit
from childpath.jurisdiction.active import current_profile
from childpath.jurisdiction.profile import RIGHT_CODES
from childpath.rights import services
from childpath.rights.models import RightProvision
from childpath.rights.selectors import case_rights
from childpath.rights.serializers import (
    CaseRightsSerializer,
    DeliveryCreateSerializer,
    DeliverySerializer,
    ProvisionCreateSerializer,
    ProvisionSerializer,
)
from childpath.rights.validation import DeliveryData, ProvisionData


@extend_schema(responses={200: CaseRightsSerializer})
@api_view(["GET"])
def case_rights_view(request: Request, reference: str) -> Response:
    """Every right of the jurisdiction for this child: in force, pending or not applicable,
    with why, what is missing, deadline, who is responsible and whether the child was told."""
    user = case_user(request)
    case = get_case_for_user(user, reference)
    record_read(actor=user, case=case, fields=("rights", "guardian"))
    return Response(CaseRightsSerializer(case_rights(case)).data)


@extend_schema(methods=["GET"], responses={200: DeliverySerializer(many=True)})
@extend_schema(
    methods=["POST"], request=DeliveryCreateSerializer, responses={201: DeliverySerializer}
)
@api_view(["GET", "POST"])
def information_deliveries(request: Request, reference: str) -> Response:
    """The times the child was told about rights; POST records one."""
    user = case_user(request)
    case = get_case_for_user(user, reference)
    if request.method == "POST":
        payload = DeliveryCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        delivery = services.record_delivery(
            actor=user, case=case, data=DeliveryData(**payload.validated_data)
        )
        return Response(DeliverySerializer(delivery).data, status=status.HTTP_201_CREATED)
    # The child's questions and views are read here: audited like the identity.
    record_read(actor=user, case=case, fields=("information_deliveries",))
    deliveries = case.information_deliveries.select_related(  # type: ignore[attr-defined]
        "delivered_by", "organisation"
    )
    return Response(DeliverySerializer(deliveries, many=True).data)


CODE = OpenApiParameter(
    "code",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    enum=list(RIGHT_CODES),
    description="A right of the jurisdiction's profile (404 for one the profile does not have).",
)


@extend_schema(parameters=[CODE])
@extend_schema_view(
    post=extend_schema(request=ProvisionCreateSerializer, responses={201: ProvisionSerializer})
)
class RightProvisions(generics.ListCreateAPIView[RightProvision]):
    """The records that a right was provided to the child (or offered and declined), newest
    first: the newest is the one in force. POST records one; it needs edit access, and the
    right must be in force (400 otherwise). The information right and the guardian right are
    met by their own records (information-deliveries, the guardian's appointment)."""

    serializer_class = ProvisionSerializer

    def _case(self) -> Case:
        case = get_case_for_user(case_user(self.request), self.kwargs["reference"])
        if current_profile().right(self.kwargs["code"]) is None:
            raise Http404
        return case

    def _provisions(self, case: Case) -> QuerySet[RightProvision]:
        return (
            RightProvision.objects.filter(case=case, right=self.kwargs["code"])
            .select_related("recorded_by", "organisation")
            .order_by("-recorded_at", "-id")
        )

    def get_queryset(self) -> QuerySet[RightProvision]:
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return RightProvision.objects.none()
        return self._provisions(self._case())

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        case = self._case()
        # The notes can say where the child lives or what care the child gets: audited.
        record_read(actor=case_user(request), case=case, fields=("right_provisions",))
        page = self.paginate_queryset(self._provisions(case))
        return self.get_paginated_response(ProvisionSerializer(page, many=True).data)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = case_user(request)
        case = self._case()
        require_edit(user, case)  # 403 for read-only access, before looking at the input
        payload = ProvisionCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        provision = services.record_provision(
            actor=user,
            case=case,
            data=ProvisionData(right=self.kwargs["code"], **payload.validated_data),
        )
        return Response(ProvisionSerializer(provision).data, status=status.HTTP_201_CREATED)

"""A case's rights and the information given to the child, over REST.

The same access path and services as the pages: 404 without access to the case; anyone who
may see the case may record a delivery (see services.py for why).
"""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from childpath.cases.access import case_user, get_case_for_user
from childpath.cases.services import record_read
from childpath.rights import services
from childpath.rights.selectors import case_rights
from childpath.rights.serializers import (
    CaseRightsSerializer,
    DeliveryCreateSerializer,
    DeliverySerializer,
)
from childpath.rights.validation import DeliveryData


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

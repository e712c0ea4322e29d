"""Cases over REST, through the same access path and services as the pages."""

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers as drf_serializers
from rest_framework import status, viewsets
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from childpath.accounts.models import Organisation
from childpath.cases import services
from childpath.cases.access import case_user, get_case_for_user
from childpath.cases.models import Case
from childpath.cases.serializers import (
    CaseCreateSerializer,
    CaseDetailSerializer,
    CaseSummarySerializer,
    ChildSerializer,
)
from childpath.cases.validation import ChildData, EncounterData


class SearchSerializer(drf_serializers.Serializer[Any]):
    name = drf_serializers.CharField(
        max_length=200, help_text="Exact name, matched through the blind index."
    )
    date_of_birth = drf_serializers.DateField(
        required=False, allow_null=True, default=None, help_text="YYYY-MM-DD."
    )


SEARCH_LIMIT = 100
# Identifying values never travel in a URL, where access logs keep them (DESIGN.md 7).
IDENTIFYING_QUERY = frozenset({"name", "date_of_birth"})


@extend_schema(request=SearchSerializer, responses=CaseSummarySerializer(many=True))
@api_view(["POST"])
def case_search(request: Request) -> Response:
    """Search the cases you may see by exact name (and date of birth), in the body: a search
    by name is never a GET, so the name stays out of URLs and logs."""
    user = case_user(request)
    payload = SearchSerializer(data=request.data)
    payload.is_valid(raise_exception=True)
    cases = services.search(
        actor=user,
        cases=Case.objects.visible_to(user).select_related("coordinator"),
        name=payload.validated_data["name"],
        date_of_birth=payload.validated_data["date_of_birth"],
    )
    # An exact match finds a handful of cases at most: no pages, so nothing to repeat.
    return Response(CaseSummarySerializer(cases[:SEARCH_LIMIT], many=True).data)


class CaseViewSet(viewsets.GenericViewSet[Case]):
    lookup_field = "reference"
    lookup_value_regex = "CP-[A-Z0-9]{4}-[A-Z0-9]{4}"
    serializer_class = CaseDetailSerializer

    def get_queryset(self) -> Any:
        return Case.objects.visible_to(case_user(self.request)).select_related("coordinator")

    @extend_schema(responses=CaseSummarySerializer(many=True))
    def list(self, request: Request) -> Response:
        """The cases you may see, newest first. Search by name with POST /cases/search."""
        if IDENTIFYING_QUERY & set(request.query_params):
            message = _("Search by name with POST /api/v1/cases/search: never in the address.")
            raise drf_serializers.ValidationError({"name": [message]})
        cases = self.get_queryset()
        page = self.paginate_queryset(cases)
        return self.get_paginated_response(CaseSummarySerializer(page, many=True).data)

    @extend_schema(request=CaseCreateSerializer, responses={201: CaseDetailSerializer})
    def create(self, request: Request) -> Response:
        user = case_user(request)
        payload = CaseCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        lead = None
        if data["lead_organisation"]:
            lead = Organisation.objects.filter(pk=data["lead_organisation"]).first()
            if lead is None:
                message = _("No organisation has this id.")
                raise drf_serializers.ValidationError({"lead_organisation": [message]})
        case = services.register_child(
            actor=user,
            child=ChildData(**data["child"]),
            encounter=EncounterData(**data["encounter"]),
            lead_organisation=lead,
        )
        return Response(CaseDetailSerializer(case).data, status=status.HTTP_201_CREATED)

    def retrieve(self, request: Request, reference: str) -> Response:
        user = case_user(request)
        case = get_case_for_user(user, reference)
        services.record_read(actor=user, case=case)
        return Response(CaseDetailSerializer(case).data)

    @extend_schema(request=ChildSerializer(partial=True), responses=CaseDetailSerializer)
    def partial_update(self, request: Request, reference: str) -> Response:
        """Change some of the child's details; fields left out keep their values."""
        user = case_user(request)
        case = get_case_for_user(user, reference)
        services.require_edit(user, case)
        current = services.child_data(case, case.identity)
        payload = ChildSerializer(current, data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        merged = ChildData(**{**vars(current), **payload.validated_data})
        case = services.update_child(actor=user, case=case, child=merged)
        return Response(CaseDetailSerializer(case).data)

"""Cases over REST, through the same access path and services as the pages."""

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers as drf_serializers
from rest_framework import status, viewsets
from rest_framework.decorators import api_view
from rest_framework.filters import BaseFilterBackend
from rest_framework.request import Request
from rest_framework.response import Response

from childpath.accounts.models import Organisation
from childpath.cases import services
from childpath.cases.access import case_for, case_user, get_case_for_user
from childpath.cases.listing import CaseFilterForm, filter_parameters, outer_filters
from childpath.cases.models import Case
from childpath.cases.serializers import (
    SUMMARY_COLUMNS,
    CaseCreateSerializer,
    CaseDetailSerializer,
    CaseSummarySerializer,
    ChildSerializer,
    summaries,
)
from childpath.cases.validation import ChildData, EncounterData
from childpath.lib.pagination import KeysetPagination


class SearchSerializer(drf_serializers.Serializer[Any]):
    name = drf_serializers.CharField(
        max_length=200,
        help_text=(
            "One or more names or aliases (the cases that have every word among their names; "
            "each word exact, through the blind index), or a case reference (any case, with "
            "or without hyphens)."
        ),
    )
    date_of_birth = drf_serializers.DateField(
        required=False, allow_null=True, default=None, help_text="YYYY-MM-DD."
    )


SEARCH_LIMIT = 100
IF_MATCH_HEADER = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="The ETag of the case, as GET returned it.",
)
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


class CaseFilters(BaseFilterBackend):
    """The case list's filters and order (``childpath.cases.listing``), from the query string,
    as the page reads them: the same form, so the page and the API never disagree."""

    def filter_queryset(self, request: Request, queryset: Any, view: Any) -> Any:
        form = CaseFilterForm(request.query_params, user=case_user(request), outer=outer_filters())
        if not form.is_valid():
            raise drf_serializers.ValidationError(
                {name: [str(e) for e in errors] for name, errors in form.errors.items()}
            )
        view.paginator.ordering = form.ordering()
        return form.apply(queryset)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return filter_parameters(outer_filters())


class CaseViewSet(viewsets.GenericViewSet[Case]):
    lookup_field = "reference"
    lookup_value_regex = "CP-[A-Z0-9]{4}-[A-Z0-9]{4}"
    serializer_class = CaseDetailSerializer
    # By position: page 100 costs what page 1 costs, as on the page (BENCHMARKS.md).
    pagination_class = KeysetPagination
    filter_backends = [CaseFilters]

    def get_queryset(self) -> Any:
        # Per-row checks: one index probe per case read, in list order (BENCHMARKS.md).
        # Only the columns the list shows: building the rows is most of the query's cost.
        cases = Case.objects.visible_to(case_user(self.request), per_row=True)
        return cases.select_related("coordinator").only(*SUMMARY_COLUMNS)

    @extend_schema(responses=CaseSummarySerializer(many=True))
    def list(self, request: Request) -> Response:
        """The cases you may see, filtered (``stage``, ``coordinator``, ``mine``, ``screening``,
        ``overdue``, ``turning_18``) and in the order of ``sort``: newest registered first by
        default. Follow ``next`` for the next page. Search by name with POST /cases/search."""
        if IDENTIFYING_QUERY & set(request.query_params):
            message = _("Search by name with POST /api/v1/cases/search: never in the address.")
            raise drf_serializers.ValidationError({"name": [message]})
        cases = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(cases)
        return self.get_paginated_response(summaries(page or []))

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

    @extend_schema(responses={200: CaseDetailSerializer})
    def retrieve(self, request: Request, reference: str) -> Response:
        """The case; its ``ETag`` header is the version to send back in ``If-Match``."""
        user = case_user(request)
        case = get_case_for_user(user, reference)
        services.record_read(actor=user, case=case)
        return _with_etag(Response(CaseDetailSerializer(case).data), case)

    @extend_schema(
        request=ChildSerializer(partial=True),
        responses={
            200: CaseDetailSerializer,
            412: OpenApiResponse(description="The case changed since the version in If-Match."),
            428: OpenApiResponse(description="If-Match (the ETag of the case) is required."),
        },
        parameters=[IF_MATCH_HEADER],
    )
    def partial_update(self, request: Request, reference: str) -> Response:
        """Change some of the child's details; fields left out keep their values. Send the
        ``ETag`` of the case in ``If-Match``: a change made meanwhile answers 412, not a lost
        update."""
        access = case_for(case_user(request), reference)
        access.require_edit()
        case = access.case
        expected = _version_from(request.headers.get("If-Match", ""))
        if expected is None:
            return Response(
                {"detail": _("Send the case's ETag in If-Match.")},
                status=status.HTTP_428_PRECONDITION_REQUIRED,
            )
        current = services.child_data(case, case.identity)
        payload = ChildSerializer(current, data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        merged = ChildData(**{**vars(current), **payload.validated_data})
        try:
            case = services.update_child(
                actor=access.user, case=case, child=merged, expected_version=expected
            )
        except services.StaleVersion as stale:
            body = {
                "detail": _("Someone else changed this case meanwhile."),
                "changed": stale.changed,
            }
            response = Response(body, status=status.HTTP_412_PRECONDITION_FAILED)
            response["ETag"] = etag(stale.current)
            return response
        return _with_etag(Response(CaseDetailSerializer(case).data), case)


def etag(version: int) -> str:
    return f'"v{version}"'


def _version_from(header: str) -> int | None:
    """The version in an If-Match header (``"v3"``, or ``W/"v3"``); None if absent or bad."""
    value = header.strip().removeprefix("W/").strip('"')
    if not value.startswith("v") or not value[1:].isdigit():
        return None
    return int(value[1:])


def _with_etag(response: Response, case: Case) -> Response:
    response["ETag"] = etag(case.version)
    return response

"""The directory as the HSDS v3.0 API describes it (hsds-3.0/schema/openapi.json), under
/api/v1/hsds/: lists in HSDS's Page envelope, full objects on detail.

Signed-in users only, although the directory holds no case data: it lists where safe
accommodation for exploited children is, and a shelter's address in the wrong hands puts the
children there at risk. HSDS's ``format=ndjson``, ``minimal``, ``postcode`` and ``proximity``
are not offered (the search page does proximity, with reasons).

HSDS 3.0's openapi.json gives ``/service_at_locations/{id}`` the *service* schema; that is a
slip in the specification (3.1 corrects it), and this API answers with a service_at_location.
"""

import math
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from childpath.directory.export import Exporter
from childpath.directory.hsds import shapes
from childpath.directory.hsds.shapes import Shape, json_schema, page_schema
from childpath.directory.models import (
    Attribute,
    Organization,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from childpath.lib.pagination import MAX_PAGE

HSDS_VERSION = "3.0"
MAX_PER_PAGE = 200


class PageQuery(serializers.Serializer[Any]):
    page = serializers.IntegerField(
        min_value=1, max_value=MAX_PAGE, default=1, help_text="Page number, from 1."
    )
    per_page = serializers.IntegerField(
        min_value=1, max_value=MAX_PER_PAGE, default=50, help_text="Results per page."
    )
    search = serializers.CharField(
        max_length=200, required=False, help_text="Words in the name or description."
    )


class ServiceQuery(PageQuery):
    taxonomy_term_id = serializers.UUIDField(
        required=False, help_text="Services linked to this taxonomy term."
    )
    taxonomy_id = serializers.UUIDField(
        required=False, help_text="Services linked to any term of this taxonomy."
    )
    organization_id = serializers.UUIDField(
        required=False, help_text="Services of this organization."
    )
    modified_after = serializers.DateTimeField(
        required=False, help_text="Services modified on or after this time."
    )
    full = serializers.BooleanField(default=False, help_text="Fully nested objects.")


class OrganizationQuery(PageQuery):
    full = serializers.BooleanField(default=False, help_text="Fully nested organizations.")
    full_service = serializers.BooleanField(
        default=False, help_text="With full services (implies full)."
    )


class OrganizationDetailQuery(serializers.Serializer[Any]):
    full_service = serializers.BooleanField(default=False, help_text="With full services.")


class TermQuery(PageQuery):
    taxonomy_id = serializers.UUIDField(required=False, help_text="Terms of this taxonomy.")
    parent_id = serializers.UUIDField(required=False, help_text="Children of this term.")
    top_only = serializers.BooleanField(default=False, help_text="Terms without a parent.")


def _params(serializer: type[serializers.Serializer[Any]], request: Request) -> dict[str, Any]:
    query = serializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    return dict(query.validated_data)


def _page(
    request: Request, queryset: QuerySet[Any], shape: Shape, params: dict[str, Any]
) -> Response:
    """HSDS's Page envelope: counts, page flags and ``contents``."""
    total = queryset.count()
    size = params["per_page"]
    number = params["page"]
    pages = math.ceil(total / size)
    start = (number - 1) * size
    exporter = Exporter()
    contents = exporter.many(exporter.prefetch(queryset, shape)[start : start + size], shape)
    return Response(
        {
            "total_items": total,
            "total_pages": pages,
            "page_number": number,
            "size": len(contents),
            "first_page": number == 1,
            "last_page": number >= pages,
            "empty": not contents,
            "contents": contents,
        }
    )


def _detail(queryset: QuerySet[Any], pk: Any, shape: Shape) -> Response:
    exporter = Exporter()
    obj: Model = get_object_or_404(exporter.prefetch(queryset, shape), pk=pk)
    return Response(exporter.one(obj, shape))


def _words(queryset: QuerySet[Any], params: dict[str, Any], *fields: str) -> QuerySet[Any]:
    for word in params.get("search", "").split():
        match = Q()
        for name in fields:
            match |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(match)
    return queryset


def _services(params: dict[str, Any], prefix: str = "") -> Q:
    """The service filters of HSDS, on services or (with a prefix) on what points at them."""
    rule = Q()
    if term := params.get("taxonomy_term_id"):
        linked = Attribute.objects.filter(taxonomy_term_id=term).values("link_id")
        rule &= Q(**{f"{prefix}id__in": linked})
    if taxonomy := params.get("taxonomy_id"):
        in_taxonomy = Attribute.objects.filter(taxonomy_term__taxonomy_detail_id=taxonomy)
        rule &= Q(**{f"{prefix}id__in": in_taxonomy.values("link_id")})
    if organization := params.get("organization_id"):
        rule &= Q(**{f"{prefix}organization_id": organization})
    if after := params.get("modified_after"):
        rule &= Q(**{f"{prefix}last_modified__gte": after})
    return rule


@extend_schema(
    operation_id="hsds_root",
    tags=["hsds"],
    responses={
        200: {
            "type": "object",
            "properties": {
                "version": {"type": "string"},
                "openapi_url": {"type": "string", "format": "uri"},
            },
        }
    },
)
@api_view(["GET"])
def root(request: Request) -> Response:
    """HSDS API metadata: the HSDS version and where this API is described."""
    schema_url = request.build_absolute_uri(reverse("api-schema"))
    return Response({"version": HSDS_VERSION, "openapi_url": schema_url})


@extend_schema(
    operation_id="hsds_services_list",
    tags=["hsds"],
    parameters=[ServiceQuery],
    responses={200: page_schema(shapes.SERVICE_LIST)},
)
@api_view(["GET"])
def services(request: Request) -> Response:
    """Services, with their organization and program (``full``: everything they hold)."""
    params = _params(ServiceQuery, request)
    queryset = Service.objects.filter(_services(params)).order_by("name", "id")
    queryset = _words(queryset, params, "name", "description")
    shape = shapes.SERVICE if params["full"] else shapes.SERVICE_LIST
    return _page(request, queryset, shape, params)


@extend_schema(
    operation_id="hsds_service_get", tags=["hsds"], responses={200: json_schema(shapes.SERVICE)}
)
@api_view(["GET"])
def service(request: Request, pk: Any) -> Response:
    """One service, fully nested."""
    return _detail(Service.objects.all(), pk, shapes.SERVICE)


@extend_schema(
    operation_id="hsds_organizations_list",
    tags=["hsds"],
    parameters=[OrganizationQuery],
    responses={200: page_schema(shapes.ORGANIZATION_BASIC)},
)
@api_view(["GET"])
def organizations(request: Request) -> Response:
    """Organizations (``full``: with their locations, programs, services...)."""
    params = _params(OrganizationQuery, request)
    queryset = _words(Organization.objects.order_by("name", "id"), params, "name", "description")
    shape = shapes.ORGANIZATION_BASIC
    if params["full"] or params["full_service"]:
        shape = shapes.organization(full_service=params["full_service"])
    return _page(request, queryset, shape, params)


@extend_schema(
    operation_id="hsds_organization_get",
    tags=["hsds"],
    parameters=[OrganizationDetailQuery],
    responses={200: json_schema(shapes.organization(True))},
)
@api_view(["GET"])
def organization(request: Request, pk: Any) -> Response:
    """One organization, fully nested; its services in full with ``full_service``."""
    params = _params(OrganizationDetailQuery, request)
    shape = shapes.organization(full_service=params["full_service"])
    return _detail(Organization.objects.all(), pk, shape)


@extend_schema(
    operation_id="hsds_service_at_locations_list",
    tags=["hsds"],
    parameters=[ServiceQuery],
    responses={200: page_schema(shapes.SERVICE_AT_LOCATION_LIST)},
)
@api_view(["GET"])
def service_at_locations(request: Request) -> Response:
    """Services at locations, with the location and the service."""
    params = _params(ServiceQuery, request)
    queryset = ServiceAtLocation.objects.filter(_services(params, "service__"))
    queryset = _words(
        queryset.order_by("service__name", "id"), params, "service__name", "description"
    )
    shape = shapes.SERVICE_AT_LOCATION_FULL if params["full"] else shapes.SERVICE_AT_LOCATION_LIST
    return _page(request, queryset, shape, params)


@extend_schema(
    operation_id="hsds_service_at_location_get",
    tags=["hsds"],
    responses={200: json_schema(shapes.SERVICE_AT_LOCATION_FULL)},
)
@api_view(["GET"])
def service_at_location(request: Request, pk: Any) -> Response:
    """One service at a location, fully nested."""
    return _detail(ServiceAtLocation.objects.all(), pk, shapes.SERVICE_AT_LOCATION_FULL)


@extend_schema(
    operation_id="hsds_taxonomies_list",
    tags=["hsds"],
    parameters=[PageQuery],
    responses={200: page_schema(shapes.TAXONOMY)},
)
@api_view(["GET"])
def taxonomies(request: Request) -> Response:
    """Taxonomies (Childpath's service types and eligibility terms, and any imported)."""
    params = _params(PageQuery, request)
    queryset = _words(Taxonomy.objects.order_by("name", "id"), params, "name", "description")
    return _page(request, queryset, shapes.TAXONOMY, params)


@extend_schema(
    operation_id="hsds_taxonomy_get", tags=["hsds"], responses={200: json_schema(shapes.TAXONOMY)}
)
@api_view(["GET"])
def taxonomy(request: Request, pk: Any) -> Response:
    return _detail(Taxonomy.objects.all(), pk, shapes.TAXONOMY)


@extend_schema(
    operation_id="hsds_taxonomy_terms_list",
    tags=["hsds"],
    parameters=[TermQuery],
    responses={200: page_schema(shapes.TERM)},
)
@api_view(["GET"])
def taxonomy_terms(request: Request) -> Response:
    """Taxonomy terms; a service type's ``code`` is what the search page's ``need`` takes."""
    params = _params(TermQuery, request)
    queryset = TaxonomyTerm.objects.order_by("code", "name", "id")
    if taxonomy_id := params.get("taxonomy_id"):
        queryset = queryset.filter(taxonomy_detail_id=taxonomy_id)
    if parent_id := params.get("parent_id"):
        queryset = queryset.filter(parent_id=parent_id)
    if params["top_only"]:
        queryset = queryset.filter(parent__isnull=True)
    queryset = _words(queryset, params, "name", "description", "code")
    return _page(request, queryset, shapes.TERM, params)


@extend_schema(
    operation_id="hsds_taxonomy_term_get", tags=["hsds"], responses={200: json_schema(shapes.TERM)}
)
@api_view(["GET"])
def taxonomy_term(request: Request, pk: Any) -> Response:
    return _detail(TaxonomyTerm.objects.all(), pk, shapes.TERM)

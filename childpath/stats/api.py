"""The statistics over REST, with the same roles and protection as the pages:
``GET /api/v1/statistics/tables``, ``/tables/<name>?from=&to=&by=``, ``/indicators``,
``/releases`` (list; POST publishes) and ``/releases/<id>?as=json|csv`` (download)."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from childpath.stats import access, barriers, documents, feedback, services, views
from childpath.stats.definitions import BREAKDOWNS, TABLES, breakdowns_for, definition
from childpath.stats.messages import message
from childpath.stats.models import Method, Release
from childpath.stats.periods import PeriodError, parse
from childpath.stats.selectors import StatisticsError, table

PERIOD = [
    OpenApiParameter("year", OpenApiTypes.STR, description="A year, such as 2025."),
    OpenApiParameter("quarter", OpenApiTypes.STR, description="A quarter, such as 2025-Q4."),
    OpenApiParameter("from", OpenApiTypes.STR, description="First day (YYYY-MM-DD or YYYY-MM)."),
    OpenApiParameter("to", OpenApiTypes.STR, description="Last day (YYYY-MM-DD or YYYY-MM)."),
    OpenApiParameter("organisation", OpenApiTypes.UUID, description="Analysts: one organisation."),
]


def _user(request: Request) -> Any:
    user = access.stats_user(request._request)
    if not access.may_see(user):
        raise PermissionDenied
    return user


def _bad(code: str) -> ValidationError:
    return ValidationError({"detail": message(code)})


def _period_and_scope(request: Request, user: Any) -> tuple[Any, Any]:
    try:
        return views.period_from(request.query_params), views._organisation(
            user, request.query_params
        )
    except (PeriodError, StatisticsError) as error:
        raise _bad(error.code) from None


@extend_schema(responses={200: OpenApiTypes.OBJECT})
@api_view(["GET"])
def table_list(request: Request) -> Response:
    """The standard tables with their definitions and the breakdowns each can be crossed by."""
    _user(request)
    return Response(
        {
            "tables": [
                {
                    "name": name,
                    "title": str(spec.title),
                    "definition": definition(spec),
                    "unit": spec.unit,
                    "breakdown": spec.breakdown,
                    "htcds": BREAKDOWNS[spec.breakdown].htcds,
                    "by": [b.name for b in breakdowns_for(spec)],
                }
                for name, spec in TABLES.items()
            ]
        }
    )


def result_json(result: Any) -> dict[str, Any]:
    cols = [{"code": code, "label": str(label)} for code, label in result.cols] if result.by else []
    return {
        "table": result.table.name,
        "title": str(result.table.title),
        "definition": result.definition,
        "by": result.by.name if result.by else None,
        "period": {"from": result.period.start.isoformat(), "to": result.period.end.isoformat()},
        "threshold": result.protection.threshold,
        "organisation": str(result.organisation.pk) if result.organisation else None,
        "columns": cols,
        "rows": [
            {"code": code, "label": str(label), "cells": cells, "total": total}
            for (code, label), cells, total in zip(
                result.rows, result.cells, result.row_totals, strict=True
            )
        ],
        "column_totals": result.col_totals if result.by else [],
        "total": result.total,
        "note": "null is a suppressed figure, never zero",
    }


@extend_schema(
    parameters=[
        *PERIOD,
        OpenApiParameter("by", OpenApiTypes.STR, description="A second breakdown."),
    ],
    responses={200: OpenApiTypes.OBJECT},
)
@api_view(["GET"])
def table_detail(request: Request, name: str) -> Response:
    """One table for a period, protected; ``null`` marks a suppressed cell."""
    user = _user(request)
    period, organisation = _period_and_scope(request, user)
    try:
        result = table(
            name, period, by=request.query_params.get("by", ""), organisation=organisation
        )
    except StatisticsError as error:
        if error.code == "unknown_table":
            return Response({"detail": message(error.code)}, status=404)
        raise _bad(error.code) from None
    return Response(result_json(result))


@extend_schema(parameters=PERIOD, responses={200: OpenApiTypes.OBJECT})
@api_view(["GET"])
def indicator_list(request: Request) -> Response:
    """The barrier indicators for a period (and organisation), protected."""
    user = _user(request)
    period, organisation = _period_and_scope(request, user)
    figures = barriers.indicators(period, organisation)
    children = feedback.feedback(period, organisation)
    return Response(
        {
            "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
            "organisation": str(organisation.pk) if organisation else None,
            **{
                group: [documents.figure_document(f) for f in figs]
                for group, figs in figures.items()
            },
            "feedback": documents.feedback_document(children) if children else None,
        }
    )


def release_json(release: Release) -> dict[str, Any]:
    return {
        "id": str(release.id),
        "title": release.title,
        "version": release.version,
        "corrects": str(release.corrects_id) if release.corrects_id else None,
        "from": release.period_start.isoformat(),
        "to": release.period_end.isoformat(),
        "method": release.method,
        "epsilon": release.epsilon,
        "threshold": release.threshold,
        "catalogue_version": release.catalogue_version,
        "sha256": release.sha256,
        "published_at": release.published_at.isoformat(),
    }


def _number(raw: Any, kind: type[int] | type[float], code: str) -> Any:
    """An optional number of the request; anything else is refused with its own message."""
    if raw in (None, ""):
        return None
    try:
        return kind(str(raw))
    except ValueError:
        raise _bad(code) from None


@extend_schema(methods=["GET"], responses={200: OpenApiTypes.OBJECT})
@extend_schema(methods=["POST"], request=OpenApiTypes.OBJECT, responses={201: OpenApiTypes.OBJECT})
@api_view(["GET", "POST"])
def release_list(request: Request) -> Response:
    """Published releases; POST {title, from, to | year | quarter, method, epsilon, rounding,
    corrects} publishes one (analysts)."""
    user = _user(request)
    if not services.may_publish(user):
        raise PermissionDenied
    if request.method == "POST":
        data = request.data if isinstance(request.data, dict) else {}
        try:
            period = parse(
                year_value=str(data.get("year") or ""),
                quarter_value=str(data.get("quarter") or ""),
                start=str(data.get("from") or ""),
                end=str(data.get("to") or ""),
                today=timezone.localdate(),
            )
        except PeriodError as error:
            raise _bad(error.code) from None
        epsilon = _number(data.get("epsilon"), float, "epsilon_range")
        rounding = _number(data.get("rounding"), int, "rounding") or 1
        corrects = None
        if data.get("corrects"):
            corrects = (
                Release.objects.filter(pk=str(data["corrects"])).first()
                if views._is_uuid(str(data["corrects"]))
                else None
            )
            if corrects is None:
                raise _bad("unknown_release")
        request_ = services.ReleaseRequest(
            title=str(data.get("title") or ""),
            period=period,
            method=str(data.get("method") or Method.SUPPRESSION),
            epsilon=epsilon,
            rounding=rounding,
            corrects=corrects,
        )
        try:
            release = services.publish_release(actor=user, request=request_)
        except services.ReleaseError as error:
            raise _bad(error.code) from None
        return Response(release_json(release), status=201)
    releases = Release.objects.defer("document")[:100]
    return Response({"releases": [release_json(r) for r in releases]})


@extend_schema(
    parameters=[OpenApiParameter("as", OpenApiTypes.STR, enum=["json", "csv"])],
    responses={200: OpenApiTypes.OBJECT},
)
@api_view(["GET"])
def release_download(request: Request, release_id: Any) -> Response | HttpResponse:
    """The signed release: JSON ({document, signature, sha256}) or CSV."""
    user = _user(request)
    if not services.may_publish(user):
        raise PermissionDenied
    release = get_object_or_404(Release, pk=release_id)
    if request.query_params.get("as") == "csv":
        return HttpResponse(
            documents.csv_text(json.loads(release.document)), content_type="text/csv; charset=utf-8"
        )
    return Response(json.loads(views.signed_file(release)))

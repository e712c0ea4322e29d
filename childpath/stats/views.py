"""Statistics pages: parse, call a selector or service, render (STYLE.md practice 3)."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from childpath.accounts.models import Organisation, User
from childpath.stats import (
    access,
    barriers,
    charts,
    documents,
    feedback,
    selectors,
    services,
    signing,
)
from childpath.stats.definitions import TABLES, breakdowns_for, definition
from childpath.stats.documents import DocumentError
from childpath.stats.forms import CombineForm, ReleaseForm
from childpath.stats.messages import message, trust_message
from childpath.stats.models import Release
from childpath.stats.periods import Period, PeriodError, parse, widen


def period_from(query: QueryDict) -> Period:
    period = parse(
        year_value=query.get("year", ""),
        quarter_value=query.get("quarter", ""),
        start=query.get("from", ""),
        end=query.get("to", ""),
        today=timezone.localdate(),
    )
    return widen(period, selectors.Protection.default().unit)


def _organisation(user: User, query: QueryDict) -> Organisation | None:
    raw = query.get("organisation", "")
    requested = None
    if raw:
        requested = Organisation.objects.filter(pk=raw).first() if _is_uuid(raw) else None
        if requested is None:
            raise selectors.StatisticsError("unknown_organisation")
    return access.scope(user, requested)


def _is_uuid(raw: str) -> bool:
    import uuid

    try:
        uuid.UUID(raw)
    except ValueError:
        return False
    return True


def _chooser(request: HttpRequest, period: Period | None) -> dict[str, Any]:
    today = timezone.localdate()
    years = list(range(today.year, today.year - 6, -1))
    quarters = [
        f"{y}-Q{q}"
        for y in years
        for q in (4, 3, 2, 1)
        if (y, 3 * q - 2) <= (today.year, today.month)
    ]
    keep = {k: v for k, v in request.GET.items() if k in ("by", "organisation")}
    return {"years": years, "quarters": quarters, "keep": keep, "period": period}


def _query(period: Period, **extra: str) -> str:
    q = QueryDict(mutable=True)
    q["from"], q["to"] = period.start.isoformat(), period.end.isoformat()
    for key, value in extra.items():
        if value:
            q[key] = value
    return q.urlencode()


def _context(request: HttpRequest) -> tuple[User, dict[str, Any]]:
    user = access.stats_user(request)
    if not access.may_see(user):
        raise PermissionDenied
    return user, {"is_analyst": services.may_publish(user)}


def _error_page(request: HttpRequest, context: dict[str, Any], code: str) -> HttpResponse:
    context.update(_chooser(request, None))
    context["error"] = message(code)
    return render(request, "stats/error.html", context, status=400)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user, context = _context(request)
    try:
        period = period_from(request.GET)
        organisation = _organisation(user, request.GET)
    except (PeriodError, selectors.StatisticsError) as error:
        return _error_page(request, context, error.code)
    rows = [
        {"table": result.table, "total": result.total, "query": _query(period)}
        for result in selectors.many(TABLES, period, organisation=organisation)
    ]
    context.update(_chooser(request, period))
    context.update(
        {
            "rows": rows,
            "organisation": organisation,
            "query": _query(period),
            "threshold": selectors.Protection.default().threshold,
        }
    )
    return render(request, "stats/index.html", context)


def _table_context(result: selectors.Result) -> dict[str, Any]:
    if result.by is None:
        items = [
            (str(label), row[0]) for (_c, label), row in zip(result.rows, result.cells, strict=True)
        ]
    else:
        items = [
            (str(label), total)
            for (_c, label), total in zip(result.rows, result.row_totals, strict=True)
        ]
    return {
        "result": result,
        "definition": definition(result.table),
        "chart": charts.bars(items),
        "rows": [
            {"label": label, "cells": cells, "total": total}
            for (_c, label), cells, total in zip(
                result.rows, result.cells, result.row_totals, strict=True
            )
        ],
    }


@login_required
def table_detail(request: HttpRequest, name: str) -> HttpResponse:
    user, context = _context(request)
    if name not in TABLES:
        raise Http404
    try:
        period = period_from(request.GET)
        organisation = _organisation(user, request.GET)
        result = selectors.table(
            name, period, by=request.GET.get("by", ""), organisation=organisation
        )
    except (PeriodError, selectors.StatisticsError) as error:
        return _error_page(request, context, error.code)
    unit = selectors.Protection.default().unit
    points = selectors.trend(name, period, organisation)
    context.update(_chooser(request, period))
    context.update(_table_context(result))
    context.update(
        {
            "trend": charts.trend(points, quarterly=unit == "quarter"),
            "points": points,
            "breakdowns": breakdowns_for(TABLES[name]),
            "query": _query(period, by=request.GET.get("by", "")),
            "period_query": _query(period),
            "organisation": organisation,
        }
    )
    return render(request, "stats/table.html", context)


def _trends(figures: dict[str, list[barriers.Figure]]) -> dict[str, Any]:
    quarterly = selectors.Protection.default().unit == "quarter"
    trends: list[dict[str, Any]] = [
        {
            "id": f"trend-{f.name}",
            "title": f.title,
            "is_time": group == "times",
            "chart": charts.trend(f.trend, quarterly=quarterly),
        }
        for group in ("times", "shares")
        for f in figures[group]
    ]
    labels = [c.label for c in trends[0]["chart"].columns] if trends else []
    return {"trends": trends, "trend_labels": labels}


def _indicator_context(
    period: Period, organisation: Organisation | None, *, trends: bool = False
) -> dict[str, Any]:
    figures = barriers.indicators(period, organisation, trends=trends)
    return {
        **(_trends(figures) if trends else {}),
        "figures": figures,
        "feedback": feedback.feedback(period, organisation),
        "times_chart": charts.bars([(f.title, f.median) for f in figures["times"]]),
        "shares_chart": charts.bars([(f.title, f.share) for f in figures["shares"]]),
    }


@login_required
def indicators(request: HttpRequest) -> HttpResponse:
    user, context = _context(request)
    try:
        period = period_from(request.GET)
        organisation = _organisation(user, request.GET)
    except (PeriodError, selectors.StatisticsError) as error:
        return _error_page(request, context, error.code)
    context.update(_chooser(request, period))
    context.update(_indicator_context(period, organisation, trends=True))
    context.update(
        {
            "organisation": organisation,
            "organisations": Organisation.objects.order_by("name") if context["is_analyst"] else [],
            "query": _query(period),
            "threshold": selectors.Protection.default().threshold,
        }
    )
    return render(request, "stats/indicators.html", context)


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """One printable page for a period: the main tables and the barrier indicators."""
    user, context = _context(request)
    try:
        period = period_from(request.GET)
        organisation = _organisation(user, request.GET)
    except (PeriodError, selectors.StatisticsError) as error:
        return _error_page(request, context, error.code)
    names = ("status", "sex", "age_group", "citizenship", "exploitation", "referral_outcome")
    results = selectors.many(names, period, organisation=organisation)
    tables = [_table_context(result) for result in results]
    context.update(_chooser(request, period))
    context.update(_indicator_context(period, organisation))
    context.update(
        {
            "tables": tables,
            "organisation": organisation,
            "query": _query(period),
            "threshold": selectors.Protection.default().threshold,
        }
    )
    return render(request, "stats/overview.html", context)


@login_required
def release_list(request: HttpRequest) -> HttpResponse:
    user, context = _context(request)
    if not services.may_publish(user):
        raise PermissionDenied
    form = ReleaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            release = services.publish_release(actor=user, request=form.release_request())
        except services.ReleaseError as error:
            form.add_error(None, message(error.code))
        else:
            messages.success(request, _("The release is published."))
            return redirect("stats-release", release_id=release.id)
    years = sorted(
        {
            y
            for r in Release.objects.only("period_start", "period_end")[:200]
            for y in range(r.period_start.year, r.period_end.year + 1)
        }
        | {timezone.localdate().year}
    )
    context.update(
        {
            "form": form,
            "releases": Release.objects.select_related("corrects").defer("document")[:100],
            "budgets": [(y, services.budget_left(y)) for y in years],
        }
    )
    status = 400 if request.method == "POST" else 200
    return render(request, "stats/releases.html", context, status=status)


def _release_for(user: User, release_id: Any) -> Release:
    if not services.may_publish(user):
        raise PermissionDenied
    return get_object_or_404(Release, pk=release_id)


@login_required
def release_detail(request: HttpRequest, release_id: Any) -> HttpResponse:
    user, context = _context(request)
    release = _release_for(user, release_id)
    document = json.loads(release.document)
    valid = signing.verify(document, release.signature, release.public_key)
    own = signing.own_key(release.public_key)
    context.update(
        {
            "release": release,
            "document": document,
            "fingerprint": signing.fingerprint(release.public_key),
            "signature_valid": valid,
            "signed_by": trust_message(own) if valid and own else "",
        }
    )
    return render(request, "stats/release.html", context)


def signed_file(release: Release) -> str:
    """The downloadable JSON: the document and its signature (what a peer verifies)."""
    wrapper = {
        "document": json.loads(release.document),
        "signature": release.signature,
        "sha256": release.sha256,
    }
    return json.dumps(wrapper, ensure_ascii=False, indent=1, sort_keys=True)


@login_required
def release_download(request: HttpRequest, release_id: Any, fmt: str) -> HttpResponse:
    user, _unused = _context(request)
    if fmt not in ("json", "csv"):
        raise Http404
    release = _release_for(user, release_id)
    if fmt == "json":
        body, kind = signed_file(release), "application/json"
    else:
        body, kind = documents.csv_text(json.loads(release.document)), "text/csv"
    response = HttpResponse(body, content_type=f"{kind}; charset=utf-8")
    filename = (
        f"childpath-release-{release.period_start}-{release.period_end}-v{release.version}.{fmt}"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def combine(request: HttpRequest) -> HttpResponse:
    user, context = _context(request)
    if not services.may_publish(user):
        raise PermissionDenied
    form = CombineForm(request.POST or None, request.FILES or None)
    combined = None
    received: list[documents.Received] = []
    if request.method == "POST" and form.is_valid():
        try:
            received = [documents.receive(f.read()) for f in request.FILES.getlist("releases")]
            combined = documents.combine(
                [r.document for r in received],
                form.cleaned_data["table"],
                selectors.Protection.default().threshold,
            )
        except DocumentError as error:
            form.add_error(None, message(error.code))
    context.update(
        {
            "form": form,
            "combined": combined,
            "combined_table": TABLES.get(combined.table) if combined else None,
            "sources": [
                {
                    "country": r.country,
                    "fingerprint": r.fingerprint,
                    "trust": trust_message(r.trust.status, r.trust.peer),
                    "verified": r.trust.verified,
                }
                for r in received
            ]
            if combined
            else [],
            "all_verified": all(r.trust.verified for r in received),
        }
    )
    status = 400 if request.method == "POST" and combined is None else 200
    return render(request, "stats/combine.html", context, status=status)

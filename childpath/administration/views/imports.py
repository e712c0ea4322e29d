from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from childpath.administration import services
from childpath.administration.access import actor, administrator_only
from childpath.administration.forms import ImportForm
from childpath.administration.models import ImportJob
from childpath.directory.hsds.parse import Problem
from childpath.directory.models import Service
from childpath.directory.problems import describe

# The report names at most this many services per heading, and this many problems.
SHOWN = 200


@administrator_only
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = services.start_import(
            actor=actor(request), name=upload.name or "upload", content=form.cleaned_data["content"]
        )
        return redirect("administration-import", job_id=job.pk)
    jobs = ImportJob.objects.select_related("started_by").defer("content")[:10]
    return render(request, "administration/import_upload.html", {"form": form, "jobs": jobs})


def _job(job_id: UUID) -> ImportJob:
    return get_object_or_404(ImportJob.objects.defer("content"), pk=job_id)


def _names(ids: list[str]) -> list[Service]:
    return list(Service.objects.filter(pk__in=ids[:SHOWN]).only("name").order_by("name"))


def _report(job: ImportJob) -> dict[str, Any]:
    report = job.report or {}
    problems = [describe(Problem(**p)) for p in report.get("rejected", [])[:SHOWN]]
    tables = sorted(set(report.get("created", {})) | set(report.get("updated", {})))
    return {
        "unreadable": [p["text"] for p in report.get("unreadable", [])],
        "rejected": problems,
        "rejected_count": len(report.get("rejected", [])),
        "warnings": [describe(Problem(**p)) for p in report.get("warnings", [])[:SHOWN]],
        "tables": [
            {
                "name": table,
                "created": report["created"].get(table, 0),
                "updated": report["updated"].get(table, 0),
            }
            for table in tables
        ],
        "added": _names(report.get("added", [])),
        "changed": _names(report.get("changed", [])),
        "retired": _names(report.get("retired", [])),
    }


@administrator_only
@require_http_methods(["GET"])
def import_job(request: HttpRequest, job_id: UUID) -> HttpResponse:
    job = _job(job_id)
    context = {"job": job, "report": _report(job) if job.ended else None}
    return render(request, "administration/import_job.html", context)


@administrator_only
@require_http_methods(["GET"])
def import_status(request: HttpRequest, job_id: UUID) -> JsonResponse:
    """What the progress page's script polls (static/administration/import.js)."""
    job = _job(job_id)
    return JsonResponse(
        {
            "state": job.state,
            "label": str(ImportJob.State(job.state).label),
            "percent": job.percent,
            "ended": job.ended,
            "url": reverse("administration-import", args=[job.pk]),
        }
    )

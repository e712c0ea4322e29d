"""Directory pages: search (with an htmx partial update) and a service's details."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from childpath.directory.forms import SearchForm
from childpath.directory.models import (
    Attribute,
    Schedule,
    Service,
    ServiceAtLocation,
)
from childpath.directory.ranking import Result
from childpath.directory.reasons import fit_text, miss_text
from childpath.directory.schedules import schedule_text
from childpath.directory.search import search
from childpath.directory.taxonomy_data import ELIGIBILITY_TERMS, term_name
from childpath.lib.geo import language_name

SEARCH_KEYS = frozenset(SearchForm.base_fields)
ELIGIBILITY_CODES = frozenset(term.code for term in ELIGIBILITY_TERMS)


@dataclass(frozen=True)
class Row:
    result: Result
    fits: list[str]
    misses: list[str]


def _rows(results: list[Result]) -> list[Row]:
    return [
        Row(r, [fit_text(x) for x in r.fits], [miss_text(x) for x in r.misses]) for r in results
    ]


@login_required
def directory_search(request: HttpRequest) -> HttpResponse:
    bound = bool(SEARCH_KEYS & set(request.GET))
    form = SearchForm(request.GET if bound else None)
    context: dict[str, Any] = {"form": form, "searched": False}
    if bound and form.is_valid():
        result = search(form.to_query())
        context |= {
            "searched": True,
            "full": _rows(result.full),
            "partial": _rows(result.partial),
            "case": form.cleaned_data["case"],
            # The referral form preselects the need the coordinator searched for.
            "need": form.cleaned_data.get("need") or "",
        }
    if request.headers.get("HX-Request"):
        return render(request, "directory/_results.html", context)
    return render(request, "directory/search.html", context)


def _service(pk: str) -> Service:
    places = ServiceAtLocation.objects.select_related("location").prefetch_related(
        "location__addresses", "location__phones", "location__languages", "schedules"
    )
    queryset = Service.objects.select_related("organization").prefetch_related(
        Prefetch("service_at_locations", queryset=places),
        "phones",
        "languages",
        "cost_options",
        "service_areas",
        Prefetch("schedules", queryset=Schedule.objects.order_by("opens_at", "id")),
    )
    return get_object_or_404(queryset, pk=pk)


@login_required
def service_detail(request: HttpRequest, pk: str) -> HttpResponse:
    service = _service(pk)
    codes = Attribute.objects.filter(link_id=service.pk, taxonomy_term__isnull=False)
    # Eligibility terms (24/7, girls only...) have their own lines on the page.
    terms = [
        term_name(code, name)
        for code, name in codes.values_list("taxonomy_term__code", "taxonomy_term__name")
        if code not in ELIGIBILITY_CODES
    ]
    languages = [
        language_name(language.code) if language.code else language.name
        for language in service.languages.all()  # type: ignore[attr-defined]
    ]
    form = SearchForm(request.GET)
    case = request.GET.get("case", "") if form.is_valid() else ""
    context = {
        "service": service,
        "terms": sorted(set(terms)),
        "languages": sorted(set(languages), key=str.casefold),
        "hours": [schedule_text(s) for s in service.schedules.all()],  # type: ignore[attr-defined]
        "places": [
            (place, [schedule_text(s) for s in place.schedules.all()])  # type: ignore[attr-defined]
            for place in service.service_at_locations.all()  # type: ignore[attr-defined]
        ],
        "case": case,
    }
    return render(request, "directory/service.html", context)

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from childpath.administration.access import actor, administrator_only
from childpath.administration.forms import (
    NewServiceForm,
    ReasonForm,
    ServiceForm,
    ServiceSearchForm,
)
from childpath.administration.views.forms_errors import add_errors
from childpath.administration.views.paging import page_of
from childpath.directory import editing
from childpath.directory.models import Service


@administrator_only
@require_http_methods(["GET"])
def service_list(request: HttpRequest) -> HttpResponse:
    form = ServiceSearchForm(request.GET or None)
    rows = Service.objects.select_related("organization").order_by("name")
    if form.is_valid():
        query, status = form.cleaned_data["q"], form.cleaned_data["status"]
        if query:
            rows = rows.filter(Q(name__icontains=query) | Q(organization__name__icontains=query))
        if status == "retired":
            rows = rows.filter(retired_at__isnull=False)
        elif status == "running":
            rows = rows.filter(retired_at__isnull=True)
    rows = rows.only(
        "name", "status", "retired_at", "accepts_children_directly", "organization__name"
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page_of(request, rows), "query": query.urlencode()}
    return render(request, "administration/services.html", context)


@administrator_only
@require_http_methods(["GET", "POST"])
def service_edit(request: HttpRequest, pk: UUID | None = None) -> HttpResponse:
    service = get_object_or_404(Service, pk=pk) if pk else None
    form_class = ServiceForm if service else NewServiceForm
    initial = {"types": editing.service_types(service)} if service else {}
    form = form_class(request.POST or None, instance=service, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = editing.save_service(
                actor=actor(request),
                service=form.save(commit=False),
                changed=form.changed_data,
                created=service is None,
                types=form.cleaned_data["types"],
                location=form.cleaned_data.get("location"),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(name)s is saved.") % {"name": saved.name})
            return redirect("administration-services")
    places = service.service_at_locations.select_related("location") if service else []
    context = {"form": form, "service": service, "places": places}
    return render(request, "administration/service_form.html", context)


@administrator_only
@require_http_methods(["GET", "POST"])
def service_retire(request: HttpRequest, pk: UUID) -> HttpResponse:
    service = get_object_or_404(Service, pk=pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            editing.retire_service(
                actor=actor(request), service=service, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(name)s is retired.") % {"name": service.name})
            return redirect("administration-services")
    return render(request, "administration/service_retire.html", {"form": form, "service": service})

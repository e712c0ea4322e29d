from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from childpath.accounts.models import Organisation, Sector
from childpath.administration import services
from childpath.administration.access import actor, administrator_only
from childpath.administration.forms import OrganisationForm
from childpath.administration.views.paging import page_of


@administrator_only
@require_http_methods(["GET"])
def organisation_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    sector = request.GET.get("sector", "")
    organisations = Organisation.objects.annotate(
        active_users=Count("users", filter=Q(users__is_active=True))
    )
    if query:
        organisations = organisations.filter(name__icontains=query)
    if sector in Sector.values:
        organisations = organisations.filter(sector=sector)
    query_string = request.GET.copy()
    query_string.pop("page", None)
    context = {
        "page": page_of(request, organisations.order_by("name")),
        "query": query_string.urlencode(),
        "q": query,
        "sector": sector,
        "sectors": Sector.choices,
    }
    return render(request, "administration/organisations.html", context)


@administrator_only
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, pk: UUID | None = None) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk) if pk else None
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        saved = services.save_organisation(
            actor=actor(request),
            organisation=form.save(commit=False),
            changed=form.changed_data,
            created=organisation is None,
        )
        messages.success(request, _("%(name)s is saved.") % {"name": saved.name})
        return redirect("administration-organisations")
    context = {"form": form, "organisation": organisation}
    return render(request, "administration/organisation_form.html", context)


@administrator_only
@require_http_methods(["GET", "POST"])
def organisation_deactivate(request: HttpRequest, pk: UUID) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    active = organisation.users.filter(is_active=True).count()
    errors: list[str] = []
    if request.method == "POST":
        try:
            count = services.deactivate_organisation(
                actor=actor(request), organisation=organisation
            )
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d account of %(name)s is deactivated.",
                    "%(count)d accounts of %(name)s are deactivated.",
                    count,
                )
                % {"count": count, "name": organisation.name},
            )
            return redirect("administration-organisations")
    context = {"organisation": organisation, "active": active, "errors": errors}
    return render(request, "administration/organisation_deactivate.html", context)

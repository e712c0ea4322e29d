"""A new referral from a case: /cases/<reference>/referrals/new/?service_at_location=<uuid>."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from childpath.cases.access import case_user, get_case_for_user, may_edit
from childpath.directory.models import ServiceAtLocation, TaxonomyTerm
from childpath.directory.taxonomy_data import term_name
from childpath.jurisdiction.active import current_profile
from childpath.jurisdiction.labels import URGENCY_LABELS, duration_label
from childpath.referrals import presenters, services
from childpath.referrals.forms import ReferralForm


def _place(raw: str | None) -> ServiceAtLocation:
    try:
        pk = UUID(raw or "")
    except ValueError as error:
        raise Http404 from error
    place = (
        ServiceAtLocation.objects.select_related("service__organization__organisation", "location")
        .filter(pk=pk)
        .first()
    )
    if place is None:
        raise Http404
    return place


def _needs(place: ServiceAtLocation) -> list[tuple[str, str]]:
    """The service types of this service (HSDS attributes linking it to taxonomy terms)."""
    terms = (
        TaxonomyTerm.objects.filter(attributes__link_id=place.service_id)
        .exclude(code="")
        .values_list("code", "name")
        .distinct()
    )
    return sorted(((code, term_name(code, name)) for code, name in terms), key=lambda t: t[1])


@login_required
def referral_new(request: HttpRequest, reference: str) -> HttpResponse:
    user = case_user(request)
    case = get_case_for_user(user, reference)
    if not may_edit(user, case):
        raise PermissionDenied
    if not request.GET.get("service_at_location"):
        # Choose the service first, in the directory.
        search = presenters.directory_search(
            need=request.GET.get("need", ""), case_reference=case.reference
        )
        if not search:
            raise Http404
        return redirect(search)
    place = _place(request.GET.get("service_at_location"))
    needs = _needs(place)
    wanted = request.GET.get("need", "")
    if not wanted and len(needs) == 1:
        # A service of one type: that is the need (the search's "Refer" link names none).
        wanted = needs[0][0]
    initial = {"need": wanted} if wanted in {code for code, _name in needs} else {}
    form = ReferralForm(request.POST or None, needs=needs, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.send_referral(
                actor=user, case=case, service_at_location=place, data=form.referral_data()
            )
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(name if name in form.fields else None, message)
        else:
            messages.success(
                request,
                _("The referral is sent to %(service)s.") % {"service": place.service.name},
            )
            return redirect("case-detail", reference=case.reference)
    limits = current_profile().referrals
    context = {
        "case": case,
        "place": place,
        "form": form,
        "receives": place.service.organization.organisation is not None,
        "limits": [
            {
                "urgency": URGENCY_LABELS[code],
                "acknowledge": duration_label(limit.acknowledge),
                "respond": duration_label(limit.respond),
            }
            for code, limit in limits.items()
        ],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "referrals/new.html", context, status=status)

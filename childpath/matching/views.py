"""Pages: ask a peer about a case, possible duplicates, key versions and re-encoding."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from childpath.accounts.models import Role, User
from childpath.audit.services import record as audit
from childpath.cases.access import case_user, get_case_for_user
from childpath.matching import selectors, services, transport
from childpath.matching.models import PeerKey, ReencodeJob


@login_required
@require_POST
def ask(request: HttpRequest, reference: str) -> HttpResponse:
    user = case_user(request)
    case = get_case_for_user(user, reference)
    if not services.may_ask(user):
        raise PermissionDenied
    peer = request.POST.get("peer", "")
    if peer not in selectors.peers():
        messages.error(request, _("Choose a country this instance shares a linkage key with."))
    else:
        try:
            # The federation carries it (childpath.exchange registers itself as the transport).
            transport.send(actor=user, case=case, peer=peer)
        except transport.Unreachable as error:
            messages.error(request, str(error))
        except services.MatchingError:
            messages.error(request, _("This case has no name to compare yet."))
        else:
            messages.success(
                request,
                _("The question was prepared for %(peer)s; the answer will appear here.")
                % {"peer": peer},
            )
    return redirect("case-detail", reference=case.reference)


@login_required
@require_GET
def duplicates(request: HttpRequest) -> HttpResponse:
    user = case_user(request)
    views = selectors.duplicates_for(user)
    with transaction.atomic():
        audit(actor=user, action="matching.duplicates.viewed", purpose="possible duplicates")
    return render(request, "matching/duplicates.html", {"duplicates": views})


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = case_user(request)
    flag = selectors.flag_for(user, pk)
    if flag is None:
        raise Http404
    answer = request.POST.get("same")
    if answer not in ("yes", "no"):
        # A decision is a fact about a child: nothing is recorded unless one was given.
        messages.error(request, _("Choose whether the two cases are the same child."))
        return redirect("matching-duplicates")
    services.decide_duplicate(actor=user, flag=flag, same=answer == "yes")
    return redirect("matching-duplicates")


@login_required
@require_GET
def keys(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not isinstance(user, User) or not (user.role == Role.ADMINISTRATOR or user.is_superuser):
        raise PermissionDenied
    return render(
        request,
        "matching/keys.html",
        {
            "keys": PeerKey.objects.order_by("peer", "-version")[:100],
            "jobs": ReencodeJob.objects.order_by("-started_at")[:20],
        },
    )

"""Referral pages: the pathway list, the inbox, one referral, notifications.
Parse, call a service or selector, render (STYLE.md practice 3)."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from childpath.accounts.models import User
from childpath.cases.access import case_user
from childpath.lib import slots
from childpath.lib.pagination import page_number, window
from childpath.referrals import access, lifecycle, presenters, selectors, services
from childpath.referrals.forms import DecisionForm, StatusForm
from childpath.referrals.labels import SHARE_LABELS, need_labels
from childpath.referrals.models import Notification, NotificationKind, Referral
from childpath.referrals.notifications import text as notification_text

PAGE_SIZE = 50


@login_required
def pathway_list(request: HttpRequest) -> HttpResponse:
    """Children without a pathway, with why and since when (DESIGN.md rule 9)."""
    user = case_user(request)
    page = window(selectors.pathway_list(user), page_number(request.GET.get("page")), PAGE_SIZE)
    now = timezone.now()
    rows = selectors.explain(page.object_list, now)
    needs = need_labels(reason.need for row in rows for reason in row.reasons)
    context = {
        "page": page,
        "rows": presenters.pathway_views(rows, needs),
        "now": now,
        # Blocks other apps add (childpath.lib.slots), such as cross-border referrals.
        "extra": slots.fill("pathways", request),
    }
    return render(request, "referrals/pathways.html", context)


@login_required
def incoming(request: HttpRequest) -> HttpResponse:
    """The receiving service's inbox: only what each referral shares (DESIGN.md rule 8)."""
    user = case_user(request)
    rows = window(selectors.incoming(user), page_number(request.GET.get("page")), PAGE_SIZE)
    now = timezone.now()
    needs = need_labels(r.need for r in rows.object_list)
    services.record_reads(actor=user, referrals=rows.object_list)
    views = [
        presenters.view(r, access.sides_as_receiver(user, r), needs=needs, now=now)
        for r in rows.object_list
    ]
    return render(request, "referrals/incoming.html", {"page": rows, "views": views})


def _detail_context(
    user: User,
    referral: Referral,
    form: StatusForm | None = None,
    decision_form: DecisionForm | None = None,
) -> dict[str, object]:
    sides = access.sides(user, referral)
    on_team = access.may_see_case(user, referral)
    receiver = access.is_receiver(user, referral)
    return {
        "referral": referral,
        "view": presenters.view(
            referral,
            sides,
            case_reference=referral.case.reference if on_team else "",
            needs=need_labels([referral.need]),
        ),
        "on_team": on_team,
        "receiver": receiver,
        # The receiver sees the shared copy until it declines; the team sees everything.
        "show_shared": on_team or (receiver and access.receiver_sees_shared(referral)),
        "shared_rows": presenters.shared_rows(referral.shared),
        "shared_item_labels": [SHARE_LABELS[i] for i in referral.shared_items if i in SHARE_LABELS],
        "accepted": referral.status in lifecycle.SUPPORTING
        or referral.status == lifecycle.COMPLETED,
        "changes": referral.changes.select_related("actor", "organisation"),
        "form": form,
        # The sender side may record that a declined or unanswered referral needs no other.
        "may_settle": lifecycle.SENDER in sides and services.may_settle(referral),
        "decision_form": decision_form or DecisionForm(),
    }


@login_required
def referral_detail(request: HttpRequest, referral_id: UUID) -> HttpResponse:
    user = case_user(request)
    referral = access.get_referral_for_user(user, referral_id)
    services.record_reads(actor=user, referrals=[referral])
    return render(request, "referrals/detail.html", _detail_context(user, referral))


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@login_required
@require_POST
def referral_status(request: HttpRequest, referral_id: UUID) -> HttpResponse:
    user = case_user(request)
    referral = access.get_referral_for_user(user, referral_id)
    if not access.sides(user, referral):
        raise PermissionDenied
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.change_status(
                actor=user,
                referral=referral,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(name if name in form.fields else None, message)
        else:
            messages.success(request, _("The referral is updated."))
            return redirect(_safe_next(request, referral_detail_url(referral)))
    referral.refresh_from_db()
    context = _detail_context(user, referral, form)
    return render(request, "referrals/detail.html", context, status=400)


@login_required
@require_POST
def referral_decision(request: HttpRequest, referral_id: UUID) -> HttpResponse:
    """Record that a declined or unanswered referral needs no other (DESIGN.md rule 9)."""
    user = case_user(request)
    referral = access.get_referral_for_user(user, referral_id)
    if not access.may_send(user, referral):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.settle_referral(
                actor=user, referral=referral, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(name if name in form.fields else None, message)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect(referral_detail_url(referral))
    referral.refresh_from_db()
    context = _detail_context(user, referral, decision_form=form)
    return render(request, "referrals/detail.html", context, status=400)


def referral_detail_url(referral: Referral) -> str:
    return reverse("referral-detail", kwargs={"referral_id": referral.pk})


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    user = case_user(request)
    rows = window(
        user.notifications.select_related("referral__case"),  # type: ignore[attr-defined]
        page_number(request.GET.get("page")),
        PAGE_SIZE,
    )
    items = [(n, notification_text(n), _decline_reason(n)) for n in rows.object_list]
    # The reason for a decline is free text about the child: reading it is audited.
    services.record_decline_reason_reads(
        actor=user, referrals=[n.referral for n, _text, reason in items if reason]
    )
    return render(request, "referrals/notifications.html", {"page": rows, "items": items})


def _decline_reason(notification: Notification) -> str:
    """A decline's reason, shown to the coordinator and the sender on screen (never e-mailed)."""
    referral = notification.referral
    if notification.kind != NotificationKind.DECLINED or referral is None:
        return ""
    return str(referral.decline_reason)


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    user = case_user(request)
    services.mark_read(user=user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications")

"""Federation pages and the inbox peers post to. Parse, call a service or selector, render."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from uuid import UUID

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from childpath.accounts.models import User
from childpath.cases.access import case_user, get_case_for_user, may_edit
from childpath.exchange import config, envelope, inbox, keys, selectors, services
from childpath.exchange.forms import (
    AcceptForm,
    AnswerForm,
    AskForm,
    ConfirmForm,
    ImportForm,
    NoteForm,
    ReasonForm,
    RequestForm,
    SendForm,
    UpdateForm,
)
from childpath.exchange.models import CrossBorderReferral, InformationRequest, Peer

# Inbox ------------------------------------------------------------------------------------


@csrf_exempt
@require_POST
def inbox_view(request: HttpRequest) -> HttpResponse:
    """Peers post envelopes here, one or a batch. No session, no token: each envelope's
    signature authenticates it."""
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > envelope.MAX_BATCH_BYTES:
        body = b" " * (envelope.MAX_BATCH_BYTES + 1)
    else:
        body = request.read(envelope.MAX_BATCH_BYTES + 1)
    answer = inbox.receive_any(body)
    return HttpResponse(answer.body, status=answer.status, content_type="application/json")


# Who may use the pages --------------------------------------------------------------------


def focal_user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not services.is_focal_point(user):
        raise PermissionDenied
    return user


def admin_user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    services.require_administrator(user)
    return user


def _referral(referral_id: UUID) -> CrossBorderReferral:
    return get_object_or_404(selectors.all_referrals(), pk=referral_id)


def _add_errors(form: django_forms.Form, error: ValidationError) -> None:
    for name, errors in error.message_dict.items():
        for message in errors:
            form.add_error(name if name in form.fields else None, message)


# Focal point pages ------------------------------------------------------------------------


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The focal point's list: what needs action first, then every referral."""
    focal_user(request)
    now = timezone.now()
    context = {
        "attention": selectors.attention(now),
        "incoming": selectors.all_referrals().filter(direction="in")[:100],
        "outgoing": selectors.all_referrals().filter(direction="out")[:100],
        "now": now,
    }
    return render(request, "exchange/home.html", context)


ACTION_FORMS: dict[str, type[django_forms.Form]] = {
    "send": SendForm,
    "return": ReasonForm,
    "acknowledge": django_forms.Form,
    "accept": AcceptForm,
    "decline": ReasonForm,
    "withdraw": ReasonForm,
    "close": ReasonForm,
    "update": UpdateForm,
    "transfer": NoteForm,
    "ask": AskForm,
}


def _run(action: str, user: User, referral: CrossBorderReferral, data: dict[str, Any]) -> None:
    calls: dict[str, Callable[[], object]] = {
        "send": lambda: services.send(actor=user, referral=referral, peer=data["peer"]),
        "return": lambda: services.return_request(
            actor=user, referral=referral, reason=data["reason"]
        ),
        "acknowledge": lambda: services.acknowledge(actor=user, referral=referral),
        "accept": lambda: services.accept(
            actor=user, referral=referral, lead_organisation=data["lead_organisation"]
        ),
        "decline": lambda: services.decline(actor=user, referral=referral, reason=data["reason"]),
        "withdraw": lambda: services.withdraw(actor=user, referral=referral, reason=data["reason"]),
        "close": lambda: services.close(actor=user, referral=referral, reason=data["reason"]),
        "update": lambda: services.update_status(actor=user, referral=referral, text=data["text"]),
        "transfer": lambda: services.transfer(actor=user, referral=referral, note=data["note"]),
        "ask": lambda: services.ask(
            actor=user, referral=referral, topic=data["topic"], question=data["question"]
        ),
    }
    calls[action]()


def _detail(
    request: HttpRequest,
    referral: CrossBorderReferral,
    *,
    failed: str = "",
    form: django_forms.Form | None = None,
    status: int = 200,
) -> HttpResponse:
    from childpath.exchange import presenters

    context = presenters.detail(referral, timezone.now())
    forms = {name: form_class() for name, form_class in ACTION_FORMS.items()}
    if failed and form is not None:
        forms[failed] = form
    context |= {"forms": forms, "failed": failed, "answer_form": AnswerForm()}
    return render(request, "exchange/detail.html", context, status=status)


@login_required
def detail(request: HttpRequest, referral_id: UUID) -> HttpResponse:
    user = focal_user(request)
    referral = _referral(referral_id)
    services.record_view(actor=user, referral=referral)
    return _detail(request, referral)


@login_required
@require_POST
def action(request: HttpRequest, referral_id: UUID, name: str) -> HttpResponse:
    user = focal_user(request)
    referral = _referral(referral_id)
    if name not in ACTION_FORMS:
        raise Http404
    form = ACTION_FORMS[name](request.POST)
    if form.is_valid():
        try:
            _run(name, user, referral, form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Done. The other focal point is being told."))
            return redirect("federation-referral", referral_id=referral.pk)
    referral.refresh_from_db()
    return _detail(request, referral, failed=name, form=form, status=400)


@login_required
@require_POST
def answer(request: HttpRequest, referral_id: UUID, request_id: UUID) -> HttpResponse:
    user = focal_user(request)
    referral = _referral(referral_id)
    question = get_object_or_404(InformationRequest, pk=request_id, referral=referral)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer(actor=user, request=question, text=form.cleaned_data["answer"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your answer is on its way."))
            return redirect("federation-referral", referral_id=referral.pk)
    return _detail(request, referral, failed="answer", form=form, status=400)


@login_required
@require_POST
def failure_seen(request: HttpRequest) -> HttpResponse:
    focal_user(request)
    services.mark_failures_seen()
    messages.success(request, _("The failed messages are marked as seen."))
    return redirect("federation-home")


# The caseworker's request -----------------------------------------------------------------


@login_required
def request_new(request: HttpRequest, reference: str) -> HttpResponse:
    """A caseworker on the case asks the national focal point to refer the child abroad."""
    user = case_user(request)
    case = get_case_for_user(user, reference)
    if not may_edit(user, case):
        raise PermissionDenied
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_referral(
                actor=user, case=case, data=services.RequestData(**form.cleaned_data)
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The national focal point has your request."))
            return redirect("case-detail", reference=case.reference)
    status = 400 if request.method == "POST" else 200
    return render(request, "exchange/request.html", {"case": case, "form": form}, status=status)


# Peers (administrator) --------------------------------------------------------------------


def _peers_page(
    request: HttpRequest,
    *,
    import_form: ImportForm | None = None,
    confirm: tuple[UUID, ConfirmForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    now = timezone.now()
    card = config.own_card(now)
    context = {
        "card": card,
        "card_json": json.dumps(card, indent=2),
        "fingerprint": keys.fingerprint(card),
        "peers": selectors.peers(),
        "import_form": import_form or ImportForm(),
        "confirm_for": confirm[0] if confirm else None,
        "confirm_form": confirm[1] if confirm else ConfirmForm(),
    }
    return render(request, "exchange/peers.html", context, status=status)


@login_required
def peers(request: HttpRequest) -> HttpResponse:
    admin_user(request)
    return _peers_page(request)


@login_required
@require_POST
def peer_import(request: HttpRequest) -> HttpResponse:
    user = admin_user(request)
    form = ImportForm(request.POST)
    if form.is_valid():
        try:
            card = json.loads(form.cleaned_data["card"])
        except ValueError:
            form.add_error("card", _("This is not a Childpath federation card."))
        else:
            try:
                peer = services.import_peer(actor=user, card=card)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Imported. Confirm the fingerprint with %(peer)s before any exchange.")
                    % {"peer": peer.name},
                )
                return redirect("federation-peers")
    return _peers_page(request, import_form=form, status=400)


@login_required
@require_POST
def peer_action(request: HttpRequest, peer_id: UUID, name: str) -> HttpResponse:
    user = admin_user(request)
    peer = get_object_or_404(selectors.peers(), pk=peer_id)
    try:
        if name == "confirm":
            form = ConfirmForm(request.POST)
            if not form.is_valid():
                return _peers_page(request, confirm=(peer.pk, form), status=400)
            try:
                services.confirm_peer(
                    actor=user, peer=peer, fingerprint=form.cleaned_data["fingerprint"]
                )
            except ValidationError as error:
                _add_errors(form, error)
                return _peers_page(request, confirm=(peer.pk, form), status=400)
        elif name == "suspend":
            services.suspend_peer(actor=user, peer=peer)
        elif name == "resume":
            services.resume_peer(actor=user, peer=peer)
        elif name == "remove":
            services.remove_peer(actor=user, peer=peer)
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("federation-peers")
    messages.success(request, _("The peer is updated."))
    return redirect("federation-peers")


@login_required
@require_POST
def announce(request: HttpRequest) -> HttpResponse:
    user = admin_user(request)
    told = services.announce_keys(actor=user)
    messages.success(
        request, _("The keys are being announced to %(count)d peers.") % {"count": told}
    )
    return redirect("federation-peers")


def peer_url(peer: Peer) -> str:
    return reverse("federation-peers") + f"#peer-{peer.pk}"

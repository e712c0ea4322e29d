"""Rights pages: parse, call a service or selector, render (STYLE.md practice 3)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from childpath.accounts.models import User
from childpath.cases.access import case_user, get_case_for_user, may_edit
from childpath.cases.models import Case
from childpath.cases.services import record_read
from childpath.jurisdiction.labels import RIGHT_TITLES, TRIGGER_LABELS, sector_label
from childpath.lib import geo, slots
from childpath.rights import handout, services
from childpath.rights.core import RightStatus
from childpath.rights.forms import (
    AppointmentForm,
    DeliveryForm,
    GuardianRequestForm,
    ProvisionForm,
)
from childpath.rights.models import Format
from childpath.rights.selectors import CaseRights, case_rights
from childpath.rights.validation import OWN_RECORDS

# What a pending right waits for, in the words of the rights page.
MISSING = {
    "presumed": gettext_lazy("presumed victim status (after a screening)"),
    "identified": gettext_lazy("formal identification"),
    "child": gettext_lazy("the person is not treated as a child"),
    "unaccompanied": gettext_lazy("the child is accompanied"),
}


def _delivery_form(case: Case, rights: CaseRights, data: Any = None) -> DeliveryForm:
    return DeliveryForm(data, profile=rights.profile, case_languages=list(case.languages))


def _attach(form: forms.Form, error: ValidationError) -> None:
    """A service's field errors, shown next to the fields (or above the form)."""
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for field, errors in error.message_dict.items():
        for message in errors:
            form.add_error(field if field in form.fields else None, message)


def _page(
    request: HttpRequest,
    case: Case,
    user: User,
    *,
    status: int = 200,
    delivery_form: DeliveryForm | None = None,
    request_form: GuardianRequestForm | None = None,
    appointment_form: AppointmentForm | None = None,
    provision_form: ProvisionForm | None = None,
) -> HttpResponse:
    rights = case_rights(case)
    deliveries = case.information_deliveries.select_related(  # type: ignore[attr-defined]
        "delivered_by", "organisation"
    )[:50]
    editable = may_edit(user, case)
    in_force = [_row(rights, right) for right in rights.in_force]
    provide = _provision_forms(in_force, provision_form) if editable else []
    # A form sent for a right without a form on the page (not in force): its errors on top.
    shown = any(item["form"] is provision_form for item in provide)
    refused = provision_form if provision_form is not None and not shown else None
    context = {
        "case": case,
        "rights": rights,
        "profile_name": rights.profile.text("name", get_language() or "en"),
        "in_force": in_force,
        "pending": [_row(rights, right) for right in rights.pending],
        "provide": provide,
        "provision_refused": refused,
        "deliveries": [_delivery_row(delivery) for delivery in deliveries],
        "may_edit": editable,
        "delivery_form": delivery_form or _delivery_form(case, rights),
        "request_form": request_form or GuardianRequestForm(),
        "appointment_form": appointment_form or AppointmentForm(),
    }
    return render(request, "rights/page.html", context, status=status)


def _row(rights: CaseRights, right: RightStatus) -> dict[str, Any]:
    informed = rights.informed.get(right.code)
    return {
        "code": right.code,
        "title": RIGHT_TITLES[right.code],
        "why": [
            {"label": TRIGGER_LABELS[t.code], "since": t.since, "presumed": t.by_presumption}
            for t in right.why
        ],
        "missing": [MISSING[code] for code in right.missing],
        "legal_basis": right.legal_basis,
        "responsible": sector_label(right.responsible),
        "opened": right.opened,
        "deadline": right.deadline,
        "overdue": right.overdue,
        "met": right.met,
        "met_at": right.met_at,
        "provided_on": right.provided_on,
        "declined_on": right.declined_on,
        "records": right.provision.records if right.provision else 0,
        "provisionable": right.in_force and right.code not in OWN_RECORDS,
        "informed_at": informed.at if informed else None,
        "informed_language": geo.language_name(informed.language) if informed else "",
    }


def _provision_forms(rows: list[dict[str, Any]], bound: ProvisionForm | None) -> list[Any]:
    """A small form per right that a provision record can meet; the one just sent stays
    open with its errors."""
    entries = []
    for row in rows:
        if not row["provisionable"]:
            continue
        if bound is not None and bound.code == row["code"]:
            entries.append({"row": row, "form": bound, "open": True})
        else:
            entries.append({"row": row, "form": ProvisionForm(code=row["code"]), "open": False})
    return entries


def _delivery_row(delivery: Any) -> dict[str, Any]:
    return {
        "delivery": delivery,
        "rights": [RIGHT_TITLES[code] for code in delivery.rights if code in RIGHT_TITLES],
        "language": geo.language_name(delivery.language),
        "formats": [Format(code).label for code in delivery.formats if code in Format.values],
    }


@login_required
@require_GET
def rights_page(request: HttpRequest, reference: str) -> HttpResponse:
    user = case_user(request)
    case = get_case_for_user(user, reference)
    # The deliveries hold the child's own questions and views: reading them is audited.
    record_read(actor=user, case=case, fields=("rights", "information_deliveries", "guardian"))
    return _page(request, case, user)


@login_required
@require_POST
def delivery_new(request: HttpRequest, reference: str) -> HttpResponse:
    user = case_user(request)
    case = get_case_for_user(user, reference)
    form = _delivery_form(case, case_rights(case), request.POST)
    if form.is_valid():
        try:
            services.record_delivery(actor=user, case=case, data=form.delivery_data())
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("The information given to the child is recorded."))
            return redirect("rights-page", reference=case.reference)
    return _page(request, case, user, status=400, delivery_form=form)


def _require_edit(user: User, case: Case) -> None:
    if not may_edit(user, case):
        raise PermissionDenied


@login_required
@require_POST
def guardian_request(request: HttpRequest, reference: str) -> HttpResponse:
    user = case_user(request)
    case = get_case_for_user(user, reference)
    _require_edit(user, case)
    form = GuardianRequestForm(request.POST)
    if form.is_valid():
        try:
            services.request_guardian(
                actor=user, case=case, requested_at=form.cleaned_data["requested_at"]
            )
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("The guardian request is recorded."))
            return redirect("rights-page", reference=case.reference)
    return _page(request, case, user, status=400, request_form=form)


@login_required
@require_POST
def guardian_appoint(request: HttpRequest, reference: str) -> HttpResponse:
    user = case_user(request)
    case = get_case_for_user(user, reference)
    _require_edit(user, case)
    form = AppointmentForm(request.POST)
    if form.is_valid():
        try:
            services.appoint_guardian(actor=user, case=case, data=form.appointment_data())
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("The guardian's appointment is recorded."))
            return redirect("rights-page", reference=case.reference)
    return _page(request, case, user, status=400, appointment_form=form)


@login_required
@require_POST
def provision_new(request: HttpRequest, reference: str, code: str) -> HttpResponse:
    user = case_user(request)
    case = get_case_for_user(user, reference)
    if code not in RIGHT_TITLES:
        raise Http404
    _require_edit(user, case)
    form = ProvisionForm(request.POST, code=code)
    if form.is_valid():
        try:
            provision = services.record_provision(actor=user, case=case, data=form.provision_data())
        except ValidationError as error:
            _attach(form, error)
        else:
            if provision.declined:
                messages.success(request, _("Recorded: offered, and the child declined for now."))
            else:
                messages.success(request, _("Recorded as provided."))
            page = reverse("rights-page", kwargs={"reference": case.reference})
            return redirect(f"{page}#right-{code}")
    return _page(request, case, user, status=400, provision_form=form)


def _child(request: HttpRequest, reference: str, template: str) -> HttpResponse:
    user = case_user(request)
    case = get_case_for_user(user, reference)
    language = handout.choose_language(case, request.GET.get("lang"))
    services.record_handout_read(actor=user, case=case, language=language)
    context = handout.child_context(case, case_rights(case), language)
    context |= {"case": case, "ui_lang": get_language() or "en"}
    # Blocks other apps add (the children's feedback code): slots, so rights imports none.
    printable = template.endswith("handout.html")
    context["blocks"] = slots.fill("childinfo", request, case, language, printable)
    return render(request, template, context)


@login_required
@require_GET
def child_page(request: HttpRequest, reference: str) -> HttpResponse:
    return _child(request, reference, "rights/child.html")


@login_required
@require_GET
def handout_page(request: HttpRequest, reference: str) -> HttpResponse:
    return _child(request, reference, "rights/handout.html")


def case_section(request: HttpRequest, case: Case, editable: bool) -> dict[str, Any] | None:
    """The rights summary on the case page (slot "case", order 30): three queries, four when
    no other section has read the protection status."""
    rights = case_rights(case)
    return {
        "in_force": len(rights.in_force),
        "pending": len(rights.pending),
        "met": len(rights.met),
        "overdue": [RIGHT_TITLES[r.code] for r in rights.overdue],
        "declined": [RIGHT_TITLES[r.code] for r in rights.declined],
        "not_informed": len(rights.not_informed),
        "guardian": rights.guardian,
        "guardian_right": rights.guardian_right,
    }

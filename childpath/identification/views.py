"""Identification pages: record a formal identification, or review the decision in force."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from childpath.cases.access import case_user, get_case_for_user
from childpath.identification import history, services
from childpath.identification.forms import DecisionForm, MemberFormSet, members_of, panel_help
from childpath.identification.validation import PANEL
from childpath.jurisdiction.active import current_profile


@login_required
def decision_new(request: HttpRequest, reference: str) -> HttpResponse:
    return _decision_page(request, reference, review=False)


@login_required
def decision_review(request: HttpRequest, reference: str) -> HttpResponse:
    return _decision_page(request, reference, review=True)


def _decision_page(request: HttpRequest, reference: str, *, review: bool) -> HttpResponse:
    user = case_user(request)
    case = get_case_for_user(user, reference)
    decisions = history.decisions(case)
    in_force = history.formal_in_force(decisions)
    # A formal decision in force is reviewed, never silently replaced; nothing to review
    # without one.
    if review != (in_force is not None):
        target = "identification-review" if in_force else "identification-new"
        return redirect(target, reference=case.reference)
    allowed = services.authority(user, case)
    if not allowed.any:
        refusal = allowed.organisation_refusal or allowed.panel_refusal or ""
        context = {"case": case, "why_not": services.refusal_message(refusal, user=user)}
        return render(request, "identification/refused.html", context, status=403)
    profile = current_profile()
    data = request.POST if request.method == "POST" else None
    form = DecisionForm(
        data,
        allowed=allowed,
        identification=profile.identification,
        organisation=user.organisation,
        review=review,
    )
    formset = MemberFormSet(
        data,
        prefix="members",
        form_kwargs={"sectors": profile.identification.panels.sectors},
    )
    panel_errors: list[str] = []
    if data is not None and form.is_valid():
        panel = form.cleaned_data["decided_by"] == PANEL
        if not panel or formset.is_valid():
            decision = form.decision_data(
                members=members_of(formset) if panel else (),
                reviews=in_force.pk if in_force else None,
            )
            try:
                services.record_decision(actor=user, case=case, decision=decision)
            except ValidationError as error:
                panel_errors = _add_errors(form, error)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The decision is recorded."))
                return redirect("case-detail", reference=case.reference)
    context = {
        "case": case,
        "form": form,
        "formset": formset,
        "review": review,
        "in_force": in_force,
        "panels_allowed": allowed.panel,
        "panel_help": panel_help(profile.identification.panels),
        "panel_errors": panel_errors,
    }
    status = 400 if data is not None else 200
    return render(request, "identification/decision_form.html", context, status=status)


def _add_errors(form: DecisionForm, error: ValidationError) -> list[str]:
    """Service errors next to their fields; the panel's go in a summary and above its rows."""
    panel: list[str] = []
    details: dict[str, Any] = (
        error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
    )
    for name, problems in details.items():
        for problem in problems:
            if name == "members":
                panel.append(problem)
            else:
                form.add_error(name if name in form.fields else None, problem)
    return panel

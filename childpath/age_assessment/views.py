"""Age pages of a case: parse, call a service or selector, render (STYLE.md practice 3)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from childpath.age_assessment import selectors, services
from childpath.age_assessment.forms import AssessmentForm, HandoverForm
from childpath.age_assessment.models import method_descriptions
from childpath.age_assessment.rules import days_left
from childpath.cases.access import case_user, get_case_for_user, may_edit
from childpath.cases.services import record_read


def _attach(form: Form, error: ValidationError) -> None:
    """A service's field errors, shown next to the fields of the form."""
    for field, errors in error.message_dict.items():
        for text in errors:
            form.add_error(field if field in form.fields else None, text)


@login_required
def assessments(request: HttpRequest, reference: str) -> HttpResponse:
    """The case's age assessments, newest first, and a form to record one."""
    user = case_user(request)
    case = get_case_for_user(user, reference)
    editable = may_edit(user, case)
    if request.method == "POST" and not editable:
        raise PermissionDenied
    form = AssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_assessment(actor=user, case=case, assessment=form.assessment_data())
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("The age assessment is recorded."))
            return redirect("age-assessments", reference=case.reference)
    # The list shows the assessors' notes, which can name people: the read is audited.
    record_read(actor=user, case=case, fields=("age_assessments",))
    context = {
        "case": case,
        "age": case.age(date_of_birth=case.identity.birth_date),
        "assessments": selectors.assessments_of(case),
        "form": form,
        "methods": method_descriptions(),
        "may_edit": editable,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "age_assessment/assessments.html", context, status=status)


@login_required
def handover(request: HttpRequest, reference: str) -> HttpResponse:
    """The handover to adult services at 18: the plans recorded and a form for a new one."""
    user = case_user(request)
    case = get_case_for_user(user, reference)
    editable = may_edit(user, case)
    if request.method == "POST" and not editable:
        raise PermissionDenied
    form = HandoverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_handover_plan(actor=user, case=case, plan=form.handover_data())
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("The handover plan is recorded."))
            return redirect("case-detail", reference=case.reference)
    record_read(actor=user, case=case, fields=("handover_plans",))
    today = timezone.localdate()
    age = case.age(date_of_birth=case.identity.birth_date, today=today)
    context = {
        "case": case,
        "age": age,
        "days_left": days_left(age.turns_18_on, today) if age.turns_18_on else None,
        "plans": selectors.plans_of(case),
        "form": form,
        "may_edit": editable,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "age_assessment/handover.html", context, status=status)

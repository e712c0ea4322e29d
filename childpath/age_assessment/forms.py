"""Forms parse the input; the domain checks live in validation.py and run in the services."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from childpath.age_assessment.models import Method, Outcome
from childpath.age_assessment.rules import MAX_AGE, MIN_AGE
from childpath.age_assessment.validation import (
    MAX_HANDED_OVER,
    MAX_NOTES,
    MAX_SERVICES,
    AssessmentData,
    HandoverData,
)

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _age_field(label: Any) -> forms.IntegerField:
    # No validators here: the domain check gives the same message to the page and the API.
    return forms.IntegerField(
        label=label,
        required=False,
        widget=forms.NumberInput(attrs={"min": MIN_AGE, "max": MAX_AGE, "inputmode": "numeric"}),
    )


class AssessmentForm(forms.Form):
    method = forms.ChoiceField(label=_("Method"), choices=Method.choices, widget=forms.RadioSelect)
    minimum_age = _age_field(_("Lowest age (years)"))
    maximum_age = _age_field(_("Highest age (years)"))
    assessed_on = forms.DateField(
        label=_("Date of the assessment"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    concluded = forms.BooleanField(
        label=_("The assessment is concluded"),
        required=False,
        help_text=_("Until it is concluded, the person is treated as a child."),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=MAX_NOTES,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("How the range was reached. Only the case team can read this."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["minimum_age"].help_text = _(
            "The benefit of the doubt: the lowest age of the range is the age that counts."
        )

    def assessment_data(self) -> AssessmentData:
        return AssessmentData(**self.cleaned_data)


class HandoverForm(forms.Form):
    adult_services = forms.CharField(
        label=_("Adult services taking over"),
        max_length=MAX_SERVICES,
        help_text=_("For example the municipal adult social services, a named support service."),
    )
    handed_over = forms.CharField(
        label=_("What is handed over"),
        max_length=MAX_HANDED_OVER,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Support, contacts, open referrals, appointments, documents."),
    )
    agreed_with_young_person = forms.ChoiceField(
        label=_("Agreed with the young person?"), choices=YES_NO, widget=forms.RadioSelect
    )
    agreed_on = forms.DateField(
        label=_("Date of the plan"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def handover_data(self) -> HandoverData:
        data = dict(self.cleaned_data)
        data["agreed_with_young_person"] = data["agreed_with_young_person"] == "yes"
        return HandoverData(**data)

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from childpath.auditing.selectors import Filters


class DateInput(forms.DateInput):
    input_type = "date"


class FilterForm(forms.Form):
    reference = forms.CharField(label=_("Case reference"), required=False, max_length=20)
    user = forms.CharField(label=_("User name"), required=False, max_length=150)
    organisation = forms.CharField(label=_("Organisation"), required=False, max_length=200)
    action = forms.CharField(
        label=_("Action"),
        required=False,
        max_length=64,
        help_text=_("For example case.read, or case for every action on cases."),
    )
    since = forms.DateField(label=_("From"), required=False, widget=DateInput)
    until = forms.DateField(label=_("Until"), required=False, widget=DateInput)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end of the period comes before its start."))
        return cleaned

    def filters(self) -> Filters:
        if not (self.is_bound and self.is_valid()):
            return Filters()
        data = self.cleaned_data
        return Filters(
            reference=data["reference"],
            user=data["user"],
            organisation=data["organisation"],
            action=data["action"],
            since=data["since"],
            until=data["until"],
        )

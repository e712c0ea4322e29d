"""Forms of the statistics pages: publishing a release, combining peers' releases."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from childpath.stats.definitions import TABLES
from childpath.stats.messages import message
from childpath.stats.models import Method, Release
from childpath.stats.periods import PeriodError, parse
from childpath.stats.services import ReleaseRequest


class ReleaseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    year = forms.CharField(label=_("Year"), required=False, help_text=_("For example 2025."))
    quarter = forms.CharField(
        label=_("or a quarter"), required=False, help_text=_("For example 2025-Q4.")
    )
    start = forms.DateField(label=_("or from"), required=False)
    end = forms.DateField(label=_("to"), required=False)
    method = forms.ChoiceField(
        label=_("Protection"), choices=Method.choices, initial=Method.SUPPRESSION
    )
    rounding = forms.IntegerField(label=_("Round to a multiple of"), required=False, initial=5)
    epsilon = forms.FloatField(
        label=_("Epsilon (differential privacy)"),
        required=False,
        help_text=_("Smaller is more private and less exact. It is taken from the year's budget."),
    )
    corrects = forms.ModelChoiceField(
        label=_("Corrects the release"),
        queryset=Release.objects.defer("document"),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("title") or "").strip():
            self.add_error("title", message("title"))
        try:
            data["period"] = parse(
                year_value=data.get("year") or "",
                quarter_value=data.get("quarter") or "",
                start=data["start"].isoformat() if data.get("start") else "",
                end=data["end"].isoformat() if data.get("end") else "",
                today=timezone.localdate(),
            )
        except PeriodError as error:
            self.add_error(None, message(error.code))
        return data

    def release_request(self) -> ReleaseRequest:
        data = self.cleaned_data
        return ReleaseRequest(
            title=data["title"],
            period=data["period"],
            method=data["method"],
            epsilon=data.get("epsilon"),
            rounding=data.get("rounding") or 1,
            corrects=data.get("corrects"),
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)]


class CombineForm(forms.Form):
    releases = MultipleFileField(
        label=_("Release files (JSON)"),
        help_text=_("The signed JSON files of releases of the same period, one per instance."),
    )
    table = forms.ChoiceField(label=_("Table"), choices=())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        table = self.fields["table"]
        assert isinstance(table, forms.ChoiceField)
        table.choices = [(name, t.title) for name, t in TABLES.items()]

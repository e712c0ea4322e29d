from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from childpath.indicators.catalogue import Indicator
from childpath.indicators.engine import MAX_AGE
from childpath.screening.models import Screening
from childpath.screening.services import MAX_NOTE

STATUS_CHOICES = [
    ("observed", _("I saw it")),
    ("reported", _("I was told (by the child or someone else)")),
    ("suspected", _("I suspect it")),
    ("not_observed", _("Not seen")),
    ("unknown", _("Not known yet")),
]


class AgeForm(forms.Form):
    age_at_exploitation = forms.IntegerField(
        label=_("How old was the child when the exploitation happened?"),
        required=False,
        min_value=0,
        max_value=MAX_AGE,
        help_text=_(
            "The age that counts is the age at the time, not today. Leave empty if not known: "
            "the child rule then applies."
        ),
    )
    age_uncertain = forms.BooleanField(
        label=_("The age is uncertain or disputed"),
        required=False,
        help_text=_("While the age is in doubt, the person is presumed to be a child."),
    )


class ThemeForm(forms.Form):
    """One theme of the catalogue: an answer and a note for each indicator."""

    def __init__(
        self, *args: Any, indicators: list[Indicator], screening: Screening, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            # No answer is preselected: an indicator nobody looked at is unanswered, and
            # "not known yet" is an answer the professional gives (issue 15).
            self.fields[f"status__{indicator.id}"] = forms.ChoiceField(
                choices=STATUS_CHOICES,
                widget=forms.RadioSelect,
                required=False,
                initial=screening.observations.get(indicator.id),
            )
            self.fields[f"note__{indicator.id}"] = forms.CharField(
                label=_("Note"),
                required=False,
                max_length=MAX_NOTE,
                initial=screening.note_for(indicator.id),
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def observations(self) -> dict[str, str]:
        """The answers given; an indicator left unanswered is not stored at all."""
        answers = ((i.id, self.cleaned_data[f"status__{i.id}"]) for i in self.indicators)
        return {id_: status for id_, status in answers if status}

    def notes(self) -> dict[str, str]:
        return {i.id: self.cleaned_data[f"note__{i.id}"] for i in self.indicators}

    def rows(self, lang: str) -> list[dict[str, Any]]:
        """Per indicator: its texts in ``lang`` and its two bound fields."""
        return [
            {
                "text": indicator.text_for(lang),
                "explore": indicator.explore_for(lang),
                "not_meaning": indicator.not_meaning_for(lang),
                "status": self[f"status__{indicator.id}"],
                "note": self[f"note__{indicator.id}"],
            }
            for indicator in self.indicators
        ]

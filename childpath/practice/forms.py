"""Practice uses the screening's own questions: the same age question and answer choices, and
the same indicator partial in the templates; only the note is left out (nothing is written
about a fictional child)."""

from typing import Any

from django import forms

from childpath.indicators.catalogue import Indicator
from childpath.screening.forms import STATUS_CHOICES, AgeForm

__all__ = ["AgeForm", "PracticeThemeForm"]


class PracticeThemeForm(forms.Form):
    """One theme of the catalogue: an answer for each indicator, none preselected, as in a
    real screening (issue 15: "not known yet" is an answer the professional gives)."""

    def __init__(
        self, *args: Any, indicators: list[Indicator], answers: dict[str, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            self.fields[f"status__{indicator.id}"] = forms.ChoiceField(
                choices=STATUS_CHOICES,
                widget=forms.RadioSelect,
                required=False,
                initial=answers.get(indicator.id),
            )

    def observations(self) -> dict[str, str]:
        answers = ((i.id, self.cleaned_data[f"status__{i.id}"]) for i in self.indicators)
        return {id_: status for id_, status in answers if status}

    def rows(self, lang: str) -> list[dict[str, Any]]:
        return [
            {
                "text": indicator.text_for(lang),
                "explore": indicator.explore_for(lang),
                "not_meaning": indicator.not_meaning_for(lang),
                "status": self[f"status__{indicator.id}"],
                "note": None,
            }
            for indicator in self.indicators
        ]

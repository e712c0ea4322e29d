"""A field written in Python (lib/field_html.py) is what ``includes/field.html`` wrote."""

from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.template import engines
from django.template.loader import render_to_string
from django.utils import translation

REFERENCE = engines["django"].from_string(
    (Path(__file__).parent / "field_reference.html").read_text()
)
TRICKY = '<b>"Ann" & O\'Neil</b>'


class Everything(forms.Form):
    name = forms.CharField(label=TRICKY, help_text=TRICKY, max_length=5)
    note = forms.CharField(label="Note", required=False)
    stage = forms.ChoiceField(label="Stage", required=False, choices=[("a", "A"), ("b", TRICKY)])
    mine = forms.BooleanField(label=TRICKY, required=False, help_text="Only yours.")
    sure = forms.BooleanField(label="Sure")
    kind = forms.ChoiceField(
        label="Kind", choices=[("x", "X"), ("y", "Y")], widget=forms.RadioSelect, help_text="?"
    )
    tags = forms.MultipleChoiceField(
        label="Tags", required=False, choices=[("t", "T")], widget=forms.CheckboxSelectMultiple
    )
    born = forms.DateField(label="Born", required=False, widget=forms.DateInput)

    def clean(self) -> dict[str, Any]:
        self.add_error("mine", TRICKY)
        self.add_error("kind", "Choose one & only one.")
        self.add_error("tags", "<none>")
        return self.cleaned_data


@pytest.mark.parametrize("language", ["en", "sv"])
@pytest.mark.parametrize(
    "data", [None, {}, {"name": "toolong<", "stage": "b", "kind": "x", "born": "x"}]
)
def test_it_writes_each_field_as_the_template_did(data: Any, language: str) -> None:
    form = Everything(data)
    form.is_valid()
    with translation.override(language):
        for field in form:
            expected = REFERENCE.render({"field": field})
            assert render_to_string("includes/field.html", {"field": field}) == expected

"""The Python-written widgets give, byte for byte, what Django's templates give."""

from typing import Any

import pytest
from django import forms
from django.utils.safestring import mark_safe

from childpath.lib import widgets

TRICKY = '<b>"Ann" & O\'Neil</b>'
CHOICES: list[tuple[Any, Any]] = [
    ("", "Any"),
    ("a&b", TRICKY),
    ("<x>", "Less than"),
    (3, 3),
    ("safe", mark_safe("<i>kept</i>")),
    ("Group", [("g1", "In a group"), ("g2", TRICKY)]),
]


def _pair(fast: forms.Widget, django: forms.Widget, name: str, value: Any, attrs: Any) -> None:
    assert fast.render(name, value, attrs) == django.render(name, value, attrs)


@pytest.mark.parametrize("value", [None, "", "a&b", "<x>", 3, "3", "g2", "missing"])
@pytest.mark.parametrize(
    "attrs",
    [None, {"id": "id_x"}, {"id": 'x"y', "required": True, "disabled": False, "aria-x": "<"}],
)
def test_it_writes_the_select_django_writes(value: Any, attrs: Any) -> None:
    _pair(widgets.Select(choices=CHOICES), forms.Select(choices=CHOICES), "f<&", value, attrs)


def test_it_writes_a_multiple_select_as_django_does() -> None:
    fast = widgets.Select(choices=CHOICES)
    fast.allow_multiple_selected = True
    _pair(fast, forms.SelectMultiple(choices=CHOICES), "f", ["a&b", "g1"], {"id": "id_f"})


def test_it_leaves_other_templates_to_django() -> None:
    class Radios(widgets.Select):
        option_template_name = "django/forms/widgets/radio_option.html"

    html = Radios(choices=[("a", "A")]).render("f", "a", None)
    assert "<option" not in html and "<label><input" in html


@pytest.mark.parametrize("value", [None, "", "Mira & <Ann>", 0, "2024-05-01"])
def test_it_writes_the_inputs_django_writes(value: Any) -> None:
    attrs = {"id": "id_n", "maxlength": 200, "aria-describedby": "id_n_helptext"}
    _pair(widgets.TextInput(), forms.TextInput(), "n", value, attrs)
    _pair(widgets.DateInput(), forms.DateInput(), "d", value, attrs)


@pytest.mark.parametrize("value", [None, False, True, "1", "on"])
def test_it_writes_the_checkbox_django_writes(value: Any) -> None:
    attrs = {"value": "1", "id": "id_mine"}
    _pair(widgets.CheckboxInput(attrs), forms.CheckboxInput(attrs), "mine", value, {"id": "x"})


def test_it_escapes_an_attribute_and_a_label() -> None:
    html = widgets.Select(choices=[("x", TRICKY)]).render("f", "x", {"title": '"><script>'})
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;b&gt;&quot;Ann&quot; &amp; O&#x27;Neil&lt;/b&gt;" in html

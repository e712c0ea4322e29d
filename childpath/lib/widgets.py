"""Form widgets that write Django's own HTML in Python instead of through its templates.

Django renders a ``<select>`` through ``select.html``, which includes ``select_option.html``
and ``attrs.html`` once per option: about 80 template includes for the case list's filters,
a fifth of the page's CPU (BENCHMARKS.md, issue 17). These widgets give the same bytes as
Django's templates (``lib/tests/test_widgets.py`` compares them), escaped as the templates
escape, and fall back to the templates whenever a subclass names other ones.
"""

from typing import Any

from django import forms
from django.forms.widgets import Input
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, SafeString, mark_safe

_SELECT = "django/forms/widgets/select.html"
_OPTION = "django/forms/widgets/select_option.html"
_INPUTS = frozenset(
    f"django/forms/widgets/{name}.html" for name in ("input", "text", "date", "checkbox")
)


def _formatted(value: Any) -> str:
    """``{{ value|stringformat:'s' }}`` with autoescape: a safe value stays as it is."""
    if isinstance(value, SafeData):
        return str(value)
    return escape("%s" % (value,))  # noqa: UP031 (the filter's own formatting)


def _printed(value: Any) -> str:
    """``{{ value }}``: localized, then escaped unless safe (``render_value_in_context``)."""
    value = localize(value)
    return conditional_escape(value if isinstance(value, str) else str(value))


def attributes(attrs: dict[str, Any]) -> str:
    """``attrs.html``: `` name="value"`` for each attribute, the name alone for True, nothing
    for False."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(
            f" {_printed(name)}" if value is True else f' {_printed(name)}="{_formatted(value)}"'
        )
    return "".join(parts)


class Select(forms.Select):
    """``forms.Select`` with the options written in Python, byte for byte as ``select.html``."""

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        if self.template_name != _SELECT or self.option_template_name != _OPTION:
            return super().render(name, value, attrs, renderer)
        widget = self.get_context(name, value, attrs)["widget"]
        html = [f'<select name="{_printed(widget["name"])}"{attributes(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(f'\n  <optgroup label="{_printed(group_name)}">')
            for option in options:
                html.append(
                    f'\n  <option value="{_formatted(option["value"])}"'
                    f"{attributes(option['attrs'])}>{_printed(option['label'])}</option>\n"
                )
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        # Every value, label and attribute above is escaped as the templates escape it.
        return mark_safe("".join(html))  # noqa: S308


class _Input(Input):
    """``input.html`` in Python, for the input widgets below."""

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        if self.template_name not in _INPUTS:
            return super().render(name, value, attrs, renderer)
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else f' value="{_formatted(widget["value"])}"'
        # The type, name, value and attributes are escaped as input.html escapes them.
        return mark_safe(  # noqa: S308
            f'<input type="{_printed(widget["type"])}" name="{_printed(widget["name"])}"'
            f"{shown}{attributes(widget['attrs'])}>"
        )


class TextInput(_Input, forms.TextInput):
    pass


class DateInput(_Input, forms.DateInput):
    pass


class CheckboxInput(_Input, forms.CheckboxInput):
    pass

"""One form field with its label, help and errors (``includes/field.html``), in Python.

The template asked each field for its errors, help text, widget type and ids a dozen times
over: a fifth of a millisecond a field, nine fields on the case list (BENCHMARKS.md, issue
17). The same elements, attributes and text, escaped as the template escaped them
(``lib/tests/test_field_html.py`` compares the two).
"""

from typing import Any

from django.forms import BoundField
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


def field_html(field: BoundField, optional: str) -> SafeString:
    """``field`` as ``includes/field.html`` writes it; ``optional``: the translated word."""
    e = conditional_escape
    errors = field.errors
    help_text = field.help_text
    auto_id = e(field.auto_id)
    label: str = e(field.label)
    if not field.field.required:
        label = f'{label} <span class="optional">({e(optional)})</span>'
    # The widget's HTML, as ``{{ field }}`` prints it.
    shown = field.__html__()
    help_html = f'<p class="help" id="{auto_id}_helptext">{e(help_text)}</p>' if help_text else ""
    error_html = ""
    if errors:
        listed = " ".join(e(str(error)) for error in errors)
        error_html = f'<p class="error" id="{auto_id}_error">{listed}</p>'
    invalid = " has-error" if errors else ""
    if field.use_fieldset:
        described = ""
        if help_text or errors:
            ids = (f"{auto_id}_helptext" if help_text else "") + (
                f" {auto_id}_error" if errors else ""
            )
            described = f' aria-describedby="{ids}"'
        html = (
            f'<fieldset class="field group{invalid}"{described}>\n'
            f"  <legend>{label}</legend>\n  {help_html}\n  {error_html}\n  {shown}\n</fieldset>"
        )
    elif _is_checkbox(field):
        tick = f'{shown} <label for="{e(field.id_for_label)}">{e(field.label)}</label>'
        html = (
            f'<div class="field{invalid} check">\n  \n  {tick}\n  \n  {help_html}\n'
            f"  {error_html}\n</div>"
        )
    else:
        named = f'<label for="{e(field.id_for_label)}">{label}</label>'
        html = (
            f'<div class="field{invalid}">\n  \n  {named}\n  {help_html}\n  {error_html}\n'
            f"  {shown}\n  \n  \n</div>"
        )
    # Every value above is escaped (``e``); the widget's HTML is the widget's own.
    return mark_safe(html)  # noqa: S308


def _is_checkbox(field: BoundField) -> bool:
    widget: Any = field.field.widget
    return getattr(widget, "input_type", None) == "checkbox"

from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """The second factor: six digits from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The six digits your authenticator app shows now, or one recovery code."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=10,
        help_text=_("After scanning, the app shows six digits. Type them here."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ResetTwoFactorForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    reason = forms.CharField(
        label=_("Why"),
        max_length=300,
        help_text=_("For example: phone lost, reported by phone call on 2 December."),
    )

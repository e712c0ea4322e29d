from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from childpath.accounts.models import User, language_choices


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("The user name or password is not right. Please try again."),
        "inactive": _("This account is not active."),
    }


# What a person keeps up to date on their own: how others reach them at work, and the language
# of their e-mails. Name, organisation and role are the administrator's (audited there).
PROFILE_FIELDS = ["work_phone", "work_email", "language"]


class ProfileForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = User
        fields = PROFILE_FIELDS
        widgets = {
            "work_phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "work_email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = self.fields["language"]
        assert isinstance(language, forms.ChoiceField)
        # Empty is an explicit choice: the instance's language, named as such.
        language.choices = [("", _("The language of this Childpath")), *language_choices()]

    def clean_work_phone(self) -> str:
        return " ".join(str(self.cleaned_data["work_phone"]).split())

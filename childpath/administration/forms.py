"""The administration pages' forms. Labels and limits are shown beside the field; a field that
records a fact has no preset answer (a role, a sector, an organisation are chosen)."""

from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext_lazy as _

from childpath.accounts.forms import PROFILE_FIELDS, ProfileForm
from childpath.accounts.models import Organisation, Role, User, language_choices
from childpath.administration.uploads import BadUpload, kind_of
from childpath.directory.models import Location, Organization, Service
from childpath.directory.taxonomy_data import service_type_choices
from childpath.lib.geo import country_codes

REASON_LIMIT = 500


class OrganisationForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Organisation
        # Every field the model has (add a new accreditation here too).
        fields = [
            "name",
            "sector",
            "country",
            "may_identify",
            "is_focal_point",
            "is_service_provider",
        ]

    def clean_country(self) -> str:
        country: str = self.cleaned_data["country"].strip().upper()
        if country not in country_codes():
            raise forms.ValidationError(_("Use the two-letter country code, for example SE."))
        return country


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, user name or e-mail"), required=False, max_length=150)
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("Any role")), *Role.choices]
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=Organisation.objects.all(),
        empty_label=_("Any organisation"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Active")), ("inactive", _("Deactivated")), ("all", _("All"))],
    )


class AccountForm(forms.ModelForm):  # type: ignore[type-arg]
    """Who the person is and where they work; never a password (DESIGN.md 7)."""

    # Where the person works, and so what they see, is always known; an older account may
    # lack a name or an address, which must not stop a change of role.
    REQUIRED: tuple[str, ...] = ("organisation", "role")

    class Meta:
        model = User
        # The work contact too: what a referral shares and the child's page shows (issue 15).
        fields = ["first_name", "last_name", "email", "organisation", "role", *PROFILE_FIELDS]
        widgets = ProfileForm.Meta.widgets

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.REQUIRED:
            self.fields[name].required = True
        language = self.fields["language"]
        assert isinstance(language, forms.ChoiceField)
        language.choices = [("", _("The language of this Childpath")), *language_choices()]
        self.fields["email"].help_text = _(
            "Links to choose a password go to this address, never to you."
        )
        self.fields["organisation"].empty_label = _("Choose an organisation")  # type: ignore[attr-defined]
        self.fields["role"].choices = [("", _("Choose a role")), *Role.choices]  # type: ignore[attr-defined]

    clean_work_phone = ProfileForm.clean_work_phone


class InviteForm(AccountForm):
    # The enrolment link needs the address; the coordinators are told the name.
    REQUIRED = ("first_name", "last_name", "email", "organisation", "role")

    class Meta(AccountForm.Meta):
        fields = ["username", *AccountForm.Meta.fields]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _(
            "The enrolment link goes to this address: the person chooses the password."
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why"),
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = _(
            "At most %(limit)d characters. It goes into the audit trail."
        ) % {"limit": REASON_LIMIT}


class ServiceSearchForm(forms.Form):
    q = forms.CharField(label=_("Service or organisation"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("running", _("Running")), ("retired", _("Retired"))],
    )


class ServiceForm(forms.ModelForm):  # type: ignore[type-arg]
    types = forms.MultipleChoiceField(
        label=_("What the service offers"),
        choices=service_type_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The needs the directory search finds it by."),
    )

    class Meta:
        model = Service
        fields = [
            "name",
            "organization",
            "description",
            "email",
            "url",
            "minimum_age",
            "maximum_age",
            "accepts_children_directly",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        labels = {"email": _("E-mail"), "url": _("Web address")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["organization"].empty_label = _("Choose an organisation")  # type: ignore[attr-defined]
        self.fields["name"].widget = forms.TextInput()
        for name in ("email", "url"):
            self.fields[name].widget = forms.TextInput()
        self.fields["email"].widget = forms.EmailInput()
        self.fields["url"].widget = forms.URLInput()
        self.fields["email"].validators.append(validate_email)
        self.fields["url"].validators.append(URLValidator(schemes=["http", "https"]))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        low, high = cleaned.get("minimum_age"), cleaned.get("maximum_age")
        if low is not None and high is not None and low > high:
            self.add_error("maximum_age", _("The maximum age is below the minimum age."))
        return cleaned


class NewServiceForm(ServiceForm):
    location = forms.ModelChoiceField(
        label=_("Where it is delivered"),
        queryset=Location.objects.order_by("name"),
        required=False,
        empty_label=_("No place yet"),
        help_text=_("A service without a place is not found by the directory search."),
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("HSDS file"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "One HSDS JSON file, or a zip of a CSV data package or of JSON files: what "
            "manage.py import_hsds reads. At most %(size)s MB."
        ) % {"size": f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1_048_576:.1f}"}

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        content = upload.read()
        try:
            kind_of(upload.name or "", content)
        except BadUpload as error:
            raise forms.ValidationError(str(error)) from error
        self.cleaned_data["content"] = content
        return upload

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from childpath.jurisdiction.labels import RIGHT_TITLES
from childpath.jurisdiction.profile import Profile
from childpath.lib import geo
from childpath.rights.models import Format, Understanding
from childpath.rights.validation import (
    MAX_NAME,
    MAX_NOTE,
    MAX_VIEWS,
    AppointmentData,
    DeliveryData,
    ProvisionData,
)

MOMENT_FORMAT = "%Y-%m-%dT%H:%M"


class MomentInput(forms.DateTimeInput):
    """A native date-and-time picker (``datetime-local``), in the instance's time zone."""

    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format=MOMENT_FORMAT)


class DateInput(forms.DateInput):
    """A native date picker; the value is ISO (yyyy-mm-dd) whatever the language."""

    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def _now() -> str:
    return timezone.localtime().strftime(MOMENT_FORMAT)


class DeliveryForm(forms.Form):
    """What was explained to the child, how, and what the child said (rule 10)."""

    all_in_force = forms.BooleanField(
        label=_("Every right in force now"), required=False, initial=True
    )
    rights = forms.MultipleChoiceField(
        label=_("Or the rights you explained"),
        required=False,
        help_text=_("Untick “Every right in force now” to choose the rights one by one."),
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ChoiceField(label=_("Language"))
    formats = forms.MultipleChoiceField(
        label=_("How"), choices=Format.choices, widget=forms.CheckboxSelectMultiple
    )
    delivered_at = forms.DateTimeField(label=_("When"), widget=MomentInput())
    understood = forms.ChoiceField(
        label=_("Did the child show understanding?"),
        choices=Understanding.choices,
        widget=forms.RadioSelect,
        initial=Understanding.UNKNOWN,
    )
    child_views = forms.CharField(
        label=_("The child's questions or views"),
        required=False,
        max_length=MAX_VIEWS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In the child's words where you can. Only the case team can read this."),
    )

    def __init__(
        self, *args: Any, profile: Profile, case_languages: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        rights_field = self.fields["rights"]
        assert isinstance(rights_field, forms.MultipleChoiceField)
        rights_field.choices = [(r.code, RIGHT_TITLES[r.code]) for r in profile.rights]
        # The child's own languages first (rule 10), then every other language.
        known = [code for code in case_languages if code in geo.language_codes()]
        choices = [(code, geo.language_name(code)) for code in known]
        language_field = self.fields["language"]
        assert isinstance(language_field, forms.ChoiceField)
        language_field.choices = choices + [c for c in geo.language_choices() if c[0] not in known]
        self.initial.setdefault("language", known[0] if known else "")
        self.initial.setdefault("delivered_at", _now())

    def delivery_data(self) -> DeliveryData:
        data = self.cleaned_data
        return DeliveryData(
            rights=list(data["rights"]),
            all_in_force=data["all_in_force"],
            language=data["language"],
            formats=list(data["formats"]),
            delivered_at=data["delivered_at"],
            understood=data["understood"],
            child_views=data["child_views"],
        )


class GuardianRequestForm(forms.Form):
    requested_at = forms.DateTimeField(label=_("Requested on"), widget=MomentInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("requested_at", _now())


class AppointmentForm(forms.Form):
    guardian_name = forms.CharField(label=_("Name of the guardian"), max_length=MAX_NAME)
    guardian_organisation = forms.CharField(
        label=_("Guardian organisation or service"), max_length=MAX_NAME, required=False
    )
    contact_phone = forms.CharField(
        label=_("Phone of the guardian service"), max_length=40, required=False
    )
    contact_email = forms.EmailField(label=_("E-mail of the guardian service"), required=False)
    appointed_at = forms.DateTimeField(label=_("Appointed on"), widget=MomentInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact_phone"].help_text = _(
            "Printed on the child's handout, so the child can reach the guardian. "
            "A phone number or an e-mail address is needed."
        )
        self.initial.setdefault("appointed_at", _now())

    def appointment_data(self) -> AppointmentData:
        return AppointmentData(**self.cleaned_data)


class ProvisionForm(forms.Form):
    """A right in force was provided, or offered and declined: one small form per right.

    The form's prefix is the right's code, so the forms of one page have distinct field ids.
    """

    provided_on = forms.DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(
        label=_("How (a short note)"),
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example the service or the place. Only the case team can read this."),
    )
    declined = forms.BooleanField(
        label=_("Offered, but the child declined (for now)"),
        required=False,
        help_text=_("The right stays in force: record it as provided if the child accepts later."),
    )

    def __init__(self, data: Any = None, *, code: str) -> None:
        super().__init__(data, prefix=code)
        self.code = code
        self.initial.setdefault("provided_on", timezone.localdate())

    def provision_data(self) -> ProvisionData:
        data = self.cleaned_data
        return ProvisionData(
            right=self.code,
            provided_on=data["provided_on"],
            declined=data["declined"],
            note=data["note"],
        )

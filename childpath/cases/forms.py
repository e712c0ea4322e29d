"""Forms parse input; the domain checks in ``validation`` decide what is valid."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from childpath.accounts.models import Organisation, User
from childpath.cases import team
from childpath.cases.models import Access, CameToNotice, MigrationStatus, Sex, YesNoUnknown
from childpath.cases.validation import (
    MAX_NAME,
    ChildData,
    EncounterData,
    check_child,
    check_encounter,
)
from childpath.lib import geo, widgets


class DateInput(widgets.DateInput):
    input_type = "date"


def fact_choice(label: Any, choices: Any, **kwargs: Any) -> forms.ChoiceField:
    """A question whose answer is a fact: nothing is preselected, so nothing is recorded that
    nobody entered; "Not known" is one of the choices, an answer the professional gives."""
    return forms.ChoiceField(
        label=label,
        choices=[("", _("Choose an answer")), *choices],
        error_messages={"required": _("Choose an answer. “Not known” is an answer too.")},
        **kwargs,
    )


class LanguagePicker(forms.CheckboxSelectMultiple):
    """Checkboxes: the common languages first, the rest behind "More languages"."""

    template_name = "widgets/language_picker.html"

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        options = [
            option for _group, group, _index in context["widget"]["optgroups"] for option in group
        ]
        common = len(geo.COMMON_LANGUAGES)
        more = options[common:]
        context["widget"] |= {
            "common": options[:common],
            "more": more,
            "more_selected": any(option["selected"] for option in more),
        }
        return context


class ChildForm(forms.Form):
    given_names = forms.CharField(label=_("Given names"), required=False, max_length=MAX_NAME)
    family_name = forms.CharField(label=_("Family name"), required=False, max_length=MAX_NAME)
    aliases = forms.CharField(
        label=_("Other names, nicknames and aliases"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line, including online user names."),
    )
    sex = fact_choice(_("Sex / gender"), Sex.choices)
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        required=False,
        widget=DateInput,
        help_text=_("Leave empty if not known."),
    )
    claimed_age = forms.IntegerField(
        label=_("Age the child gives or appears to be"),
        required=False,
        help_text=_("Leave empty if not known. An unknown age is treated as a child's."),
    )
    age_disputed = forms.BooleanField(
        label=_("The age is in doubt"),
        required=False,
        help_text=_("For example no documents, or documents that may be false."),
    )
    citizenship = forms.ChoiceField(label=_("Citizenship"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages the child speaks"), required=False, widget=LanguagePicker
    )
    migration_status = fact_choice(_("Migration status"), MigrationStatus.choices)
    unaccompanied = fact_choice(_("Unaccompanied or separated from parents"), YesNoUnknown.choices)
    documents = forms.CharField(
        label=_("Identity documents"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    contacts = forms.CharField(
        label=_("Contact details"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Phone numbers or addresses through which the child can be reached safely."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        not_known: list[tuple[str, str]] = [("", str(_("Not known")))]
        self.fields["citizenship"].choices = not_known + geo.country_choices()  # type: ignore[attr-defined]
        choices = geo.language_choices()
        # A language stored earlier (through the API, any ISO 639 code) stays on the form.
        offered = {code for code, _name in choices}
        kept = [
            (code, geo.language_name(code))
            for code in self.initial.get("languages") or []
            if code not in offered
        ]
        self.fields["languages"].choices = choices + kept  # type: ignore[attr-defined]

    def child_data(self) -> ChildData:
        data = self.cleaned_data
        return ChildData(
            sex=data["sex"],
            given_names=data["given_names"],
            family_name=data["family_name"],
            aliases=[line.strip() for line in data["aliases"].splitlines() if line.strip()],
            date_of_birth=data["date_of_birth"],
            claimed_age=data["claimed_age"],
            age_disputed=data["age_disputed"],
            citizenship=data["citizenship"],
            languages=list(data["languages"]),
            migration_status=data["migration_status"],
            unaccompanied=data["unaccompanied"],
            documents=data["documents"],
            contacts=data["contacts"],
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors:
            _add_errors(self, check_child(self.child_data()))
        return cleaned

    @staticmethod
    def initial_from(child: ChildData) -> dict[str, Any]:
        initial = dict(vars(child))
        initial["aliases"] = "\n".join(child.aliases)
        return initial


class EditChildForm(ChildForm):
    """The child's details as last seen: ``version`` says which, so a change made meanwhile
    by someone else is shown instead of overwritten."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class EncounterForm(forms.Form):
    came_to_notice = fact_choice(_("How did the child come to your notice?"), CameToNotice.choices)
    occurred_on = forms.DateField(label=_("When"), widget=DateInput)
    place = forms.CharField(label=_("Where"), required=False, max_length=300)
    observations = forms.CharField(
        label=_("What you saw or heard"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("In your own words. Write what you observed, not conclusions."),
    )

    def encounter_data(self) -> EncounterData:
        return EncounterData(**self.cleaned_data)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors:
            _add_errors(self, check_encounter(self.encounter_data()))
        return cleaned


class LeadForm(forms.Form):
    lead_organisation = forms.ModelChoiceField(
        label=_("Lead agency to inform"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("The social services or child-protection body that leads the case."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            sector__in=["social_services", "child_protection", "barnahus"]
        )


class CoordinatorForm(forms.Form):
    coordinator = forms.ModelChoiceField(label=_("Coordinator"), queryset=User.objects.none())

    def __init__(self, *args: Any, organisations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            is_active=True, role__in=["coordinator", "caseworker"], organisation__in=organisations
        ).select_related("organisation")


class TeamMemberForm(forms.Form):
    """Add a person or a whole organisation. The people offered are those of the chosen
    organisation only (the list follows the choice; the service checks it again)."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    user = forms.ModelChoiceField(
        label=_("Person"),
        queryset=User.objects.none(),
        required=False,
        help_text=_(
            "Leave empty to give the whole organisation's caseworkers access. The list shows "
            "the people of the organisation chosen."
        ),
    )
    access = forms.ChoiceField(label=_("Access"), choices=Access.choices, initial=Access.VIEW)

    def __init__(
        self, *args: Any, organisation: Organisation | None, people_url: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            team.eligible_organisations()
        )
        # htmx: choosing an organisation reloads the list of its people.
        self.fields["organisation"].widget.attrs.update(
            {
                "hx-get": people_url,
                "hx-trigger": "change",
                "hx-target": "#team-person",
                "hx-select": "#team-person",
                "hx-swap": "outerHTML",
            }
        )
        # Any person is parsed (the check below and the service say what is wrong); only the
        # people of the chosen organisation are offered.
        person = self.fields["user"]
        person.queryset = User.objects.filter(is_active=True)  # type: ignore[attr-defined]
        offered = (
            User.objects.filter(team.eligible_people(organisation)).order_by(
                "first_name", "last_name", "username"
            )
            if organisation is not None
            else User.objects.none()
        )
        person.choices = [("", "---------")] + [(p.pk, p.display_name) for p in offered]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        person, organisation = cleaned.get("user"), cleaned.get("organisation")
        if person and organisation and person.organisation_id != organisation.pk:
            self.add_error("user", _("This person does not work for that organisation."))
        return cleaned


class LeadTransferForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("New lead agency"), queryset=Organisation.objects.none()
    )
    reason = forms.CharField(
        label=_("Why the lead passes to this agency"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, current: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            team.lead_organisations()
        ).exclude(pk=current)


class SearchForm(forms.Form):
    """A search by any of the child's names or aliases (each word exact), or by reference."""

    name = forms.CharField(
        label=_("Name, alias or reference"),
        max_length=MAX_NAME,
        widget=widgets.TextInput,
        help_text=_(
            "One or more whole names, in any order, for example a given name only; "
            "or the case reference, such as CP-4F7K-Q2MX."
        ),
    )
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=DateInput)


def _add_errors(form: forms.Form, errors: dict[str, list[str]]) -> None:
    for name, messages in errors.items():
        for message in messages:
            form.add_error(name if name in form.fields else None, message)

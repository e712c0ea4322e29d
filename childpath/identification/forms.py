"""Forms parse input; ``validation`` and the services decide what is valid."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from childpath.accounts.models import Organisation
from childpath.identification.models import FORMAL_STATUSES
from childpath.identification.rules import Authority
from childpath.identification.validation import (
    MAX_NAME,
    MAX_REASONS,
    ORGANISATION,
    PANEL,
    DecisionData,
    MemberData,
)
from childpath.jurisdiction.labels import PATH_LABELS, sector_label
from childpath.jurisdiction.profile import Identification, Panels

# Panel members are entered as a fixed number of rows; empty rows are ignored.
MEMBER_ROWS = 6


class DateInput(forms.DateInput):
    input_type = "date"


class DecisionForm(forms.Form):
    decided_by = forms.ChoiceField(label=_("Who decided"), widget=forms.RadioSelect)
    status = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[(status.value, status.label) for status in FORMAL_STATUSES],
    )
    path = forms.ChoiceField(label=_("Path"))
    decided_on = forms.DateField(label=_("Decision date"), widget=DateInput)
    reasons = forms.CharField(
        label=_("Reasons"),
        max_length=MAX_REASONS,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the decision rests on. Only the case team can read this."),
    )

    def __init__(
        self,
        *args: Any,
        allowed: Authority,
        identification: Identification,
        organisation: Organisation | None,
        review: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, Any]] = []
        if allowed.organisation and organisation is not None:
            label = _("My organisation: %(name)s") % {"name": organisation.name}
            choices.append((ORGANISATION, label))
        if allowed.panel:
            choices.append((PANEL, _("A multi-agency panel")))
        decided_by = self.fields["decided_by"]
        decided_by.choices = choices  # type: ignore[attr-defined]
        if len(choices) == 1:
            decided_by.initial = choices[0][0]
        self.fields["path"].choices = [  # type: ignore[attr-defined]
            (code, PATH_LABELS[code]) for code in identification.paths
        ]
        self.fields["decided_on"].initial = timezone.localdate()
        if review:
            self.fields["review_reason"] = forms.CharField(
                label=_("Why the decision is reviewed"),
                max_length=MAX_REASONS,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("For example new information, or the review the profile requires."),
            )

    def decision_data(
        self, *, members: tuple[MemberData, ...], reviews: int | None
    ) -> DecisionData:
        data = self.cleaned_data
        return DecisionData(
            decided_by=data["decided_by"],
            status=data["status"],
            path=data["path"],
            decided_on=data["decided_on"],
            reasons=data["reasons"],
            members=members if data["decided_by"] == PANEL else (),
            reviews=reviews,
            review_reason=data.get("review_reason", ""),
        )


class MemberForm(forms.Form):
    """One row of panel members: an organisation and the person's name."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.all(), required=False
    )
    name = forms.CharField(label=_("Name"), max_length=MAX_NAME, required=False)

    def __init__(self, *args: Any, sectors: frozenset[str] = frozenset(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if sectors:
            # Only organisations that may sit on a panel under the profile are offered.
            field = self.fields["organisation"]
            field.queryset = Organisation.objects.filter(sector__in=sorted(sectors))  # type: ignore[attr-defined]
        self.fields["organisation"].label_from_instance = (  # type: ignore[attr-defined]
            lambda organisation: f"{organisation.name} ({organisation.get_sector_display()})"
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("organisation") and not (cleaned.get("name") or "").strip():
            self.add_error("name", _("Give the person's name."))
        if (cleaned.get("name") or "").strip() and not cleaned.get("organisation"):
            self.add_error("organisation", _("Choose the person's organisation."))
        return cleaned

    def member(self) -> MemberData | None:
        organisation = self.cleaned_data.get("organisation")
        if organisation is None:
            return None
        return MemberData(organisation_id=str(organisation.pk), name=self.cleaned_data["name"])


MemberFormSet = forms.formset_factory(MemberForm, extra=MEMBER_ROWS, max_num=MEMBER_ROWS)


def members_of(formset: Any) -> tuple[MemberData, ...]:
    rows = (form.member() for form in formset.forms if form.has_changed())
    return tuple(row for row in rows if row is not None)


def panel_help(panels: Panels) -> str:
    text = str(
        _(
            "At least %(members)d members from at least %(sectors)d different sectors. "
            "Leave the rows you do not need empty."
        )
        % {"members": panels.min_members, "sectors": panels.min_sectors}
    )
    for group in panels.required:
        text += " " + str(
            _("One member must come from one of these sectors: %(sectors)s.")
            % {"sectors": ", ".join(sorted(sector_label(s) for s in group))}
        )
    return text

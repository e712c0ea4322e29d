"""Forms of the federation pages: parse and validate, nothing more (STYLE.md 3)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from childpath.accounts.models import Organisation, Sector
from childpath.cases.timeline import field_labels
from childpath.exchange import casework
from childpath.exchange.models import Peer, Topic, Urgency
from childpath.exchange.services import MAX_TEXT
from childpath.lib import geo

# Organisations that can lead a child's case locally (the receiving lead agency).
LEAD_SECTORS = (Sector.SOCIAL_SERVICES, Sector.CHILD_PROTECTION, Sector.NGO)


def text(
    label: Any, *, required: bool = True, rows: int = 3, help_text: Any = ""
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


class RequestForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"))
    reason = text(
        _("Why the child should be referred there"),
        rows=4,
        help_text=_("What the focal point abroad needs to know to help. No names."),
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=Urgency.choices,
        initial=Urgency.URGENT,
        widget=forms.RadioSelect,
    )
    share_fields = forms.MultipleChoiceField(
        label=_("Identity that may travel once the referral is accepted"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The request itself never carries the child's name. Only what you tick here is sent, "
            "and only after the other country accepts, or in a transfer."
        ),
    )
    child_views = text(
        _("The child's views"),
        required=False,
        help_text=_("What the child said about going there, in the child's own words if possible."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *geo.country_choices()]  # type: ignore[attr-defined]
        labels = field_labels()
        self.fields["share_fields"].choices = [  # type: ignore[attr-defined]
            (n, labels[n]) for n in casework.SHAREABLE
        ]


class PeerChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.country})"


class SendForm(forms.Form):
    peer = PeerChoiceField(label=_("Send to"), queryset=Peer.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from childpath.exchange.selectors import active_peers

        self.fields["peer"].queryset = active_peers()  # type: ignore[attr-defined]


class ReasonForm(forms.Form):
    reason = text(_("Reason"))


class NoteForm(forms.Form):
    note = text(_("Note for the other focal point"), required=False)


class UpdateForm(forms.Form):
    text = text(_("Status update"))


class AcceptForm(forms.Form):
    lead_organisation = forms.ModelChoiceField(
        label=_("Lead agency that will take the child"),
        queryset=Organisation.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            sector__in=LEAD_SECTORS
        )


class AskForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    question = text(_("Question"))


class AnswerForm(forms.Form):
    answer = text(_("Answer"))


class ImportForm(forms.Form):
    card = forms.CharField(
        label=_("The peer's federation card"),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        max_length=20000,
        help_text=_("Paste the JSON card the peer's administrator sent you."),
    )


class ConfirmForm(forms.Form):
    fingerprint = forms.CharField(
        label=_("Fingerprint read out by the peer's administrator"),
        max_length=80,
        help_text=_(
            "Compare it by telephone or in person, never through the same channel as the card."
        ),
    )

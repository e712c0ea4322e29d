"""Forms of the referral pages: parse and validate, nothing more (STYLE.md 3)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from childpath.referrals import sharing
from childpath.referrals.labels import SHARE_LABELS
from childpath.referrals.models import Urgency
from childpath.referrals.services import MAX_NOTE, MAX_REASON, ReferralData


class ReferralForm(forms.Form):
    need = forms.ChoiceField(
        label=_("Need"),
        required=False,
        help_text=_("What this service is to help with."),
    )
    reason = forms.CharField(
        label=_("Reason for the referral"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Write only what the service needs to know to help. No full names."),
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=Urgency.choices,
        initial=Urgency.URGENT,
        widget=forms.RadioSelect,
    )
    shared_items = forms.MultipleChoiceField(
        label=_("What the service may see before it accepts"),
        required=False,
        choices=[(item, SHARE_LABELS[item]) for item in sharing.ITEMS],
        initial=list(sharing.DEFAULT_ITEMS),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Share the minimum. The child's full identity is never sent with a referral: the "
            "person who accepts joins the case team and sees the case there."
        ),
    )
    note = forms.CharField(
        label=_("Note for the service"),
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example the best time to call you. Stored encrypted."),
    )

    def __init__(self, *args: Any, needs: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["need"].choices = [("", _("Not specified")), *needs]  # type: ignore[attr-defined]

    def referral_data(self) -> ReferralData:
        data = self.cleaned_data
        return ReferralData(
            need=data["need"],
            reason=data["reason"],
            urgency=data["urgency"],
            shared_items=list(data["shared_items"]),
            note=data["note"],
        )


class StatusForm(forms.Form):
    status = forms.CharField(max_length=16, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("What was decided, and why"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: the child's need is met by another service outside Childpath. "
            "The child leaves the list of children without a pathway."
        ),
    )

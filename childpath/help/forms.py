"""Forms of the help app: the child's feedback, and the professional's request for a code."""

from django import forms
from django.utils.translation import gettext_lazy as _

from childpath.help.models import EncounterKind, Face
from childpath.help.services import MAX_TEXT

# The questions, in the order asked, written for a 12-year-old.
QUESTION_LABELS = {
    "safe": _("Did you feel safe with them?"),
    "listened": _("Did they listen to you?"),
    "explained": _("Did they explain what would happen next?"),
    "rights": _("Did they tell you about your rights?"),
    "understood": _("Did you understand what they told you?"),
    "helped": _("Did you get the help you needed?"),
}
FACES = [(Face.YES, _("Yes")), (Face.A_BIT, _("A bit")), (Face.NO, _("No"))]


class FeedbackForm(forms.Form):
    code = forms.CharField(
        label=_("Your feedback code"),
        max_length=20,
        help_text=_("It is on the paper you got, for example ABCD-EFGH."),
        error_messages={"required": _("Please type the code from your paper.")},
    )
    would_help = forms.CharField(
        label=_("What would have helped you more? (You can leave this empty.)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_TEXT}),
        max_length=MAX_TEXT,
        error_messages={
            "max_length": _(
                "That is a bit too long for us. Please make it shorter, up to %(limit_value)d"
                " characters."
            )
        },
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name, label in QUESTION_LABELS.items():
            self.fields[name] = forms.TypedChoiceField(
                label=label,
                choices=FACES,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
            )

    def question_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in QUESTION_LABELS]


class IssueCodeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=EncounterKind.choices)
    next = forms.ChoiceField(choices=[("child", "child"), ("handout", "handout")], required=False)
    lang = forms.CharField(max_length=10, required=False)

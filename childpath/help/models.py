"""The public help pages' local texts, and children's anonymous feedback (DESIGN.md 6.10).

Nothing here holds case data. A feedback code and an answer name the organisation and the kind of
encounter, never the child, the case or the professional; an answer keeps only the month it came
in, so it cannot be matched to one meeting by its time.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from childpath.accounts.models import Organisation
from childpath.lib.fields import EncryptedTextField

LANGUAGE_CHOICES = settings.LANGUAGES


class Helpline(models.Model):
    """A line of this country besides 116 111 and 112, chosen by an administrator."""

    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    text = models.CharField(
        _("number for text messages"), max_length=40, blank=True, help_text=_("If it takes SMS.")
    )
    website = models.URLField(_("website or chat"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=10)
    active = models.BooleanField(_("shown"), default=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("helpline")
        verbose_name_plural = _("helplines")

    def __str__(self) -> str:
        first = self.texts.first()  # type: ignore[attr-defined]
        return f"{first.name if first else ''} {self.phone}".strip()


class HelplineText(models.Model):
    """What a helpline is called and what it is for, in one language."""

    helpline = models.ForeignKey(Helpline, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES)
    name = models.CharField(_("name"), max_length=120)
    purpose = models.CharField(
        _("what it is for"),
        max_length=300,
        help_text=_(
            "One short sentence a 12-year-old understands, for example “Talk about"
            " anything, day and night.”"
        ),
    )

    class Meta:
        verbose_name = _("helpline text")
        verbose_name_plural = _("helpline texts")
        constraints = [
            models.UniqueConstraint(fields=["helpline", "language"], name="help_line_text_lang")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.language})"


class Place(models.TextChoices):
    HOME = "home", _("The first page, under “What do you need?”")
    NEEDS = "needs", _("Every page of services")
    ONLINE = "online", _("The page about pictures and threats online")
    SAFE = "safe", _("The page on staying safe")
    FEEDBACK = "feedback", _("The feedback page")


class LocalText(models.Model):
    """A paragraph an administrator adds to a help page, in one language (plain text)."""

    place = models.CharField(_("where"), max_length=20, choices=Place.choices)
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES)
    title = models.CharField(_("heading"), max_length=120, blank=True)
    body = models.TextField(
        _("text"), max_length=2000, help_text=_("Plain text; an empty line starts a paragraph.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=10)
    active = models.BooleanField(_("shown"), default=True)

    class Meta:
        ordering = ["place", "order", "id"]
        verbose_name = _("local text")
        verbose_name_plural = _("local texts")

    def __str__(self) -> str:
        return f"{self.get_place_display()} ({self.language}): {self.title or self.body[:40]}"

    def paragraphs(self) -> list[str]:
        return [part.strip() for part in self.body.split("\n\n") if part.strip()]


class EncounterKind(models.TextChoices):
    """What the first meeting was, as the child would recognise it."""

    FIRST_MEETING = "first_meeting", _("A first meeting with a social worker or counsellor")
    INTERVIEW = "interview", _("An interview (for example at a Barnahus or with the police)")
    HEALTH = "health", _("A visit to a doctor or a nurse")
    SHELTER = "shelter", _("Arriving at a shelter or a safe place to stay")
    LEGAL = "legal", _("Meeting a lawyer or a guardian")
    OTHER = "other", _("Another kind of meeting")


class FeedbackCode(models.Model):
    """A one-time code a professional gives a child. Only a keyed hash of the code is stored, so
    the table cannot be read back into usable codes; no case, child or professional is named."""

    code_hash = models.CharField(max_length=64, unique=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="feedback_codes"
    )
    kind = models.CharField(max_length=20, choices=EncounterKind.choices)
    expires_on = models.DateField(db_index=True)
    used = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("feedback code")
        verbose_name_plural = _("feedback codes")

    def __str__(self) -> str:
        return f"{self.organisation} · {self.kind} · {self.expires_on}"


class Face(models.IntegerChoices):
    NO = 1, _("No")
    A_BIT = 2, _("A bit")
    YES = 3, _("Yes")


class FeedbackAnswer(models.Model):
    """One child's answers about a first encounter: the organisation, the kind of encounter and
    the month only. The free text is encrypted and shown only to the organisation's
    coordinators, and nothing is shown before ten answers exist for the period."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="feedback_answers"
    )
    kind = models.CharField(max_length=20, choices=EncounterKind.choices)
    month = models.DateField(db_index=True, help_text="The first day of the month it came in.")
    language = models.CharField(max_length=10)
    safe = models.PositiveSmallIntegerField(choices=Face.choices, null=True, blank=True)
    listened = models.PositiveSmallIntegerField(choices=Face.choices, null=True, blank=True)
    explained = models.PositiveSmallIntegerField(choices=Face.choices, null=True, blank=True)
    rights = models.PositiveSmallIntegerField(choices=Face.choices, null=True, blank=True)
    understood = models.PositiveSmallIntegerField(choices=Face.choices, null=True, blank=True)
    helped = models.PositiveSmallIntegerField(choices=Face.choices, null=True, blank=True)
    would_help = EncryptedTextField(blank=True)

    class Meta:
        verbose_name = _("feedback answer")
        verbose_name_plural = _("feedback answers")
        indexes = [models.Index(fields=["organisation", "month"], name="help_answer_org_month")]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.kind} · {self.month:%Y-%m}"


QUESTIONS = ("safe", "listened", "explained", "rights", "understood", "helped")

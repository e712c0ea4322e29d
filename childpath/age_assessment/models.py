"""Age assessments, handover plans at 18, and the clear month a case turns 18."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from childpath.accounts.models import Organisation
from childpath.cases.age import AssessedAge
from childpath.cases.age import Outcome as PureOutcome
from childpath.cases.models import Case
from childpath.lib.fields import EncryptedTextField


class Method(models.TextChoices):
    """How the age was assessed, least intrusive first (CETS 197 art. 10(3); Directive
    2011/36/EU art. 13(2) and recital 22; UNICEF and Council of Europe guidance)."""

    DOCUMENTS = "documents", _("Documents")
    INTERVIEW = "interview", _("Interview")
    MULTIDISCIPLINARY = "multidisciplinary", _("Multidisciplinary assessment")
    MEDICAL = "medical", _("Medical examination (last resort)")


def method_descriptions() -> dict[str, str]:
    """What each method means, for the form and the list (translated at display time)."""
    return {
        Method.DOCUMENTS: str(
            _(
                "Birth certificate, passport, identity card or other records, from the child "
                "or from the authorities. Documents are taken as genuine unless there is proof "
                "that they are not."
            )
        ),
        Method.INTERVIEW: str(
            _(
                "A conversation with a trained professional, in a language the child "
                "understands and with an interpreter if needed, about the child's history, "
                "schooling, family and development."
            )
        ),
        Method.MULTIDISCIPLINARY: str(
            _(
                "Professionals of several fields (social work, psychology, health, education) "
                "together weigh documents, interviews and what they observe over time."
            )
        ),
        Method.MEDICAL: str(
            _(
                "Physical examination (for example X-rays of the hand or teeth). Only as a last "
                "resort, when the other methods have left the age in doubt, with the child's "
                "informed consent. Its margin of error is wide: record the whole range."
            )
        ),
    }


class Outcome(models.TextChoices):
    CHILD = PureOutcome.CHILD.value, _("A child")
    ADULT = PureOutcome.ADULT.value, _("An adult")
    UNDETERMINED = PureOutcome.UNDETERMINED.value, _("Undetermined")


class AgeAssessment(models.Model):
    """One age assessment of a case. Append-only: a later assessment supersedes an earlier one,
    so the history of how the age was established stays readable. The newest one counts."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="age_assessments")
    method = models.CharField(_("method"), max_length=24, choices=Method.choices)
    minimum_age = models.PositiveSmallIntegerField(_("lowest age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("highest age"), null=True, blank=True)
    assessed_on = models.DateField(_("date of the assessment"))
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    concluded = models.BooleanField(_("concluded"), default=False)
    # The assessor's reasoning can name people and places: encrypted like the identity.
    notes = EncryptedTextField(_("notes"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        # Newest first: Case.latest_age_assessment takes the first row.
        ordering = ["-assessed_on", "-recorded_at", "-id"]
        indexes = [models.Index(fields=["case", "-assessed_on"])]
        verbose_name = _("age assessment")
        verbose_name_plural = _("age assessments")

    def __str__(self) -> str:
        return f"age assessment {self.pk} of {self.case_id}"

    def assessed_age(self) -> AssessedAge:
        return AssessedAge(
            assessed_on=self.assessed_on,
            method=self.method,
            minimum=self.minimum_age,
            maximum=self.maximum_age,
            outcome=self.outcome,
            concluded=self.concluded,
        )


class HandoverPlan(models.Model):
    """How a young person turning 18 is handed over to adult services, so nothing is lost
    (DESIGN.md section 5, step 7). The newest plan counts; a plan ends the 18 warning."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="handover_plans")
    adult_services = models.CharField(_("adult services taking over"), max_length=300)
    # What is handed over can describe the young person's situation: encrypted.
    handed_over = EncryptedTextField(_("what is handed over"))
    agreed_with_young_person = models.BooleanField(_("agreed with the young person"))
    agreed_on = models.DateField(_("date of the plan"))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-agreed_on", "-recorded_at", "-id"]
        verbose_name = _("handover plan")
        verbose_name_plural = _("handover plans")

    def __str__(self) -> str:
        return f"handover plan {self.pk} of {self.case_id}"


class TurningEighteen(models.Model):
    """The month in which the person turns 18, in clear, so that the database can find the
    cases turning 18 soon (the home page card) without decrypting every date of birth.

    Why a month and not the day: the day is the date of birth plus 18 years, that is, the
    date of birth in clear (DESIGN.md rule 8 and section 7 forbid that). The month says no
    more than the age in years already kept in clear (``Case.claimed_age``, age bands) plus
    the month; it narrows the search to a few cases, whose exact day is then read from the
    decrypted date of birth in memory. Derived data, kept in step by
    ``services.sync_turning_18`` whenever the age facts or assessments change.
    """

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, primary_key=True, related_name="turning_eighteen"
    )
    # The first day of the month; null when the age is not known.
    month = models.DateField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("month of turning 18")
        verbose_name_plural = _("months of turning 18")

    def __str__(self) -> str:
        return f"turning 18 of {self.case_id}"

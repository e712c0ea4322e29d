from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from childpath.accounts.models import Organisation
from childpath.cases.models import Case
from childpath.lib.fields import EncryptedJSONField


class Result(models.TextChoices):
    PRESUMED_VICTIM = "presumed_victim", _("Presumed victim")
    AT_RISK = "at_risk", _("At risk")
    NO_INDICATION = "no_indication", _("No indication")


class Screening(models.Model):
    """One pass over the indicator catalogue for a case.

    While ``completed_at`` is empty the screening can be saved and continued. On completion
    the engine's full evaluation is stored with the catalogue version it used, so a later
    catalogue never changes an earlier result (issue 3).
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="screenings")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    age_at_exploitation = models.PositiveSmallIntegerField(
        _("age at the time of the exploitation"), null=True, blank=True
    )
    age_uncertain = models.BooleanField(_("the age is uncertain"), default=False)
    # {indicator id: status}. Indicator ids and statuses identify nobody; kept in clear.
    observations = models.JSONField(default=dict)
    # {indicator id: the professional's note}: free text can name people, so encrypted.
    notes = EncryptedJSONField(null=True, blank=True)
    catalogue_version = models.CharField(max_length=32, blank=True)
    result = models.CharField(max_length=16, choices=Result.choices, blank=True, db_index=True)
    rule = models.CharField(max_length=8, blank=True)
    evaluation = models.JSONField(null=True, blank=True)
    # A re-screening with a newer catalogue starts from the answers of an earlier screening.
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")

    def __str__(self) -> str:
        return f"screening {self.pk} of {self.case_id}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None

    def note_for(self, indicator_id: str) -> str:
        notes: dict[str, Any] = self.notes or {}
        return str(notes.get(indicator_id, ""))

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from childpath.accounts.models import Organisation


class Attempt(models.Model):
    """One professional's screening of one fictional practice situation.

    It never refers to a case: a practice situation is invented, and nothing here is about a
    real child. The answers are indicator ids and statuses only (no notes, no free text). The
    engine's result and the comparison with the expected answers are stored on completion, with
    the catalogue version used, so progress stays as it was when the catalogue changes. Seen
    only by the professional; the organisation sees anonymous totals (selectors.py).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_attempts"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    situation_id = models.CharField(_("situation"), max_length=64, db_index=True)
    started_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    age_at_exploitation = models.PositiveSmallIntegerField(null=True, blank=True)
    age_uncertain = models.BooleanField(default=False)
    observations = models.JSONField(default=dict)
    catalogue_version = models.CharField(max_length=32, blank=True)
    result = models.CharField(max_length=16, blank=True)
    evaluation = models.JSONField(null=True, blank=True)
    expected_result = models.CharField(max_length=16, blank=True)
    agrees = models.BooleanField(null=True)
    missed = models.JSONField(default=list)
    over_read = models.JSONField(default=list)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["user", "situation_id"])]
        verbose_name = _("practice attempt")
        verbose_name_plural = _("practice attempts")

    def __str__(self) -> str:
        return f"practice attempt {self.pk} ({self.situation_id})"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None

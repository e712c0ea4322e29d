"""Statistics: one row of non-identifying facts per case and per referral (a roll-up kept in
step on every write), and the published releases with the privacy budget they spent."""

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from childpath.accounts.models import Organisation
from childpath.cases.models import Case


class CaseFact(models.Model):
    """What the statistics know of one case: breakdown categories and the times of the
    barrier indicators, derived from non-identifying fields only (nothing is decrypted).

    Derived data, rewritten by ``facts.refresh`` after every change to the case, its
    screenings, decisions, information, referrals and age; ``rebuild_statistics`` rewrites
    them all. The tables are SQL aggregates over this one narrow table (BENCHMARKS.md).
    """

    case = models.OneToOneField(Case, on_delete=models.CASCADE, primary_key=True, related_name="+")
    # The month the concern was recorded (the first day): the period a case counts in.
    month = models.DateField(db_index=True)
    concern_at = models.DateTimeField()
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(max_length=16)
    sex = models.CharField(max_length=16)
    age_group = models.CharField(max_length=8)
    age_eurostat = models.CharField(max_length=8)
    age_ctdc = models.CharField(max_length=8)
    citizenship_group = models.CharField(max_length=12)
    citizenship = models.CharField(max_length=2, blank=True)
    exploitation = models.CharField(max_length=24)
    online = models.CharField(max_length=8)
    path = models.CharField(max_length=20)
    deciding_sector = models.CharField(max_length=40)
    came_to_notice = models.CharField(max_length=24)
    unaccompanied = models.CharField(max_length=8)
    catalogue_version = models.CharField(max_length=32, blank=True)
    presumed_at = models.DateTimeField(null=True)
    informed_at = models.DateTimeField(null=True)
    accepted_referral_at = models.DateTimeField(null=True)
    identified_at = models.DateTimeField(null=True)
    followed_up_at = models.DateTimeField(null=True)
    support_offered_at = models.DateTimeField(null=True)
    age_dispute = models.CharField(max_length=16)
    turns_18_month = models.DateField(null=True)
    handover_on = models.DateField(null=True)
    refreshed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["organisation", "month"], name="stats_casefact_org_month")]
        verbose_name = _("statistical facts of a case")
        verbose_name_plural = _("statistical facts of cases")

    def __str__(self) -> str:
        return f"facts of {self.case_id}"


class ReferralFact(models.Model):
    """What the statistics know of one referral (service type, urgency, outcome, country)."""

    referral = models.UUIDField(primary_key=True)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(db_index=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    service = models.CharField(max_length=200)
    urgency = models.CharField(max_length=12)
    outcome = models.CharField(max_length=16)
    partner_country = models.CharField(max_length=2, blank=True)
    respond_by = models.DateTimeField()
    answered_at = models.DateTimeField(null=True)
    # The n-th referral of the case: differentially private releases count the first few
    # only, which bounds what one child can change (the sensitivity).
    ordinal = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["organisation", "month"], name="stats_reffact_org_month")]
        verbose_name = _("statistical facts of a referral")
        verbose_name_plural = _("statistical facts of referrals")

    def __str__(self) -> str:
        return f"facts of referral {self.referral}"


class Method(models.TextChoices):
    SUPPRESSION = "suppression", _("Suppression of small cells")
    ROUNDED = "rounded", _("Suppression and rounding")
    DIFFERENTIAL = "differential", _("Differential privacy (OpenDP)")


class Release(models.Model):
    """A published release: frozen tables, versioned and signed. Never changed: a correction
    is a new release that names the one it corrects (``corrects``), with the next version."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.CharField(_("title"), max_length=200)
    version = models.PositiveIntegerField(_("version"))
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrected_by",
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    method = models.CharField(_("method"), max_length=16, choices=Method.choices)
    epsilon = models.FloatField(_("epsilon"), null=True, blank=True)
    threshold = models.PositiveSmallIntegerField(_("threshold"))
    rounding = models.PositiveSmallIntegerField(_("rounding base"), default=1)
    catalogue_version = models.CharField(max_length=32)
    # The canonical JSON document (HTCDS vocabulary), its SHA-256 and the Ed25519 signature.
    document = models.TextField()
    sha256 = models.CharField(max_length=64)
    signature = models.CharField(max_length=128)
    public_key = models.CharField(max_length=64)
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "-version"]
        verbose_name = _("statistics release")
        verbose_name_plural = _("statistics releases")

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("A published release never changes: publish a correction.")
        super().save(*args, **kwargs)


class PrivacyBudget(models.Model):
    """The privacy budget (epsilon) spent on differentially private releases, per calendar
    year of the data: a child counts in one year only (the year the concern was recorded), so
    years compose in parallel and releases within a year add up (sequential composition)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    spent = models.FloatField(default=0.0)

    class Meta:
        verbose_name = _("privacy budget")
        verbose_name_plural = _("privacy budgets")

    def __str__(self) -> str:
        return f"{self.year}: {self.spent}"


class Rollup(models.Model):
    """The maintained roll-up the pages read: counts of facts by month, organisation and one
    breakdown (``name`` "t:<field>"), or the parts of a barrier indicator ("d:<duration>" by
    day, "f:<duration>:<day>" by tenth of a day within the day, "s:<share>" by the day its
    clock is due and whether it counts, "a:age").

    Kept in step incrementally: ``facts.refresh`` subtracts a case's old facts and adds its
    new ones in the same transaction (``rollup.apply``), so a page reads a few hundred rows
    instead of scanning every case; ``rollup.rebuild`` recomputes it from the facts.
    """

    month = models.DateField()
    organisation = models.CharField(max_length=36, blank=True)
    name = models.CharField(max_length=40)
    universe = models.CharField(max_length=16, blank=True)
    value = models.CharField(max_length=200, blank=True)
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "organisation", "name", "universe", "value"],
                name="stats_rollup_key",
            )
        ]
        indexes = [
            models.Index(fields=["name", "month"], name="stats_rollup_name_month"),
            # An organisation's figures (the coordinator's dashboard) without reading the
            # other organisations' rows of the same months.
            models.Index(fields=["name", "organisation", "month"], name="stats_rollup_name_org"),
        ]
        verbose_name = _("statistics roll-up")
        verbose_name_plural = _("statistics roll-ups")

    def __str__(self) -> str:
        return f"{self.name} {self.month} {self.value}: {self.n}"

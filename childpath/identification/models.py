"""Identification decisions: presumed victim, formal identification, review (DESIGN.md 4)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from childpath.accounts.models import Organisation, Sector
from childpath.cases.models import Case
from childpath.jurisdiction.labels import PATH_LABELS
from childpath.lib.fields import EncryptedTextField
from childpath.screening.models import Screening


class Status(models.TextChoices):
    PRESUMED = "presumed", _("Presumed victim")
    IDENTIFIED = "identified", _("Identified victim")
    NOT_VICTIM = "not_victim", _("Not a victim of trafficking")
    AT_RISK = "at_risk", _("At risk")


# The outcomes of a formal decision or review. Presumption and "at risk" follow from a
# screening at once (rule 2); "not a victim" ends a presumption only as a formal decision.
FORMAL_STATUSES = (Status.IDENTIFIED, Status.NOT_VICTIM)


class Path(models.TextChoices):
    # The labels live with the jurisdiction profiles, which list the paths each one allows.
    SOCIAL = "social", PATH_LABELS["social"]
    CRIMINAL_JUSTICE = "criminal_justice", PATH_LABELS["criminal_justice"]
    JUDICIAL = "judicial", PATH_LABELS["judicial"]


class Basis(models.TextChoices):
    SCREENING = "screening", _("Screening")
    ORGANISATION = "organisation", _("Accredited organisation")
    PANEL = "panel", _("Multi-agency panel")


class Decision(models.Model):
    """One identification decision on a case. Never changed: a review is a new decision.

    ``basis`` says what the decision rests on: a screening (presumed victim or at risk, by
    whoever screened, rule 2), an accredited organisation, or a multi-agency panel (its
    members in ``PanelMember``). ``reviews`` points at the formal decision this one
    supersedes. Nothing here records cooperation with criminal proceedings: it is no input
    (rule 6).
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="decisions")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    basis = models.CharField(_("basis"), max_length=16, choices=Basis.choices)
    path = models.CharField(_("path"), max_length=16, choices=Path.choices, blank=True)
    screening = models.ForeignKey(
        Screening, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The deciding organisation; for a presumption, the organisation of who screened.
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("deciding organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The sector at the time of the decision (an organisation may change sector later).
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices, blank=True)
    # Reasons can hold details of what happened to the child: encrypted like the identity.
    reasons = EncryptedTextField(_("reasons"), blank=True)
    decided_at = models.DateTimeField(_("decision date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    reviews = models.OneToOneField(
        "self",
        verbose_name=_("reviewed decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_by",
    )
    review_reason = EncryptedTextField(_("why the decision was reviewed"), blank=True)

    class Meta:
        ordering = ["recorded_at", "id"]
        indexes = [models.Index(fields=["case", "recorded_at", "id"])]
        verbose_name = _("identification decision")
        verbose_name_plural = _("identification decisions")

    def __str__(self) -> str:
        return f"{self.status} on {self.case_id}"

    @property
    def is_formal(self) -> bool:
        return self.basis != Basis.SCREENING


class PanelMember(models.Model):
    """A member of the multi-agency panel that made a decision: a user or a named person."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="panel_members")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # A professional's name (not the child's): kept in clear, like users' names.
    name = models.CharField(_("name"), max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.user is not None:
            return self.user.display_name
        return self.name

"""Information given to the child about rights, and the guardian of an unaccompanied child."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from childpath.accounts.models import Organisation
from childpath.cases.models import Case
from childpath.lib.fields import EncryptedTextField


class Format(models.TextChoices):
    ORAL = "oral", _("Oral (talking together)")
    WRITTEN = "written", _("Written")
    EASY_READ = "easy_read", _("Easy-read")
    INTERPRETER = "interpreter", _("With an interpreter")


class Understanding(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Not known")


class InformationDelivery(models.Model):
    """One time the child was told about rights (DESIGN.md rule 10): which, how, by whom.

    ``rights`` holds the codes covered, resolved when recorded; ``all_in_force`` says the
    professional chose "every right in force" (the codes are those in force at that moment).
    The child's own questions and views can say a lot about the child: encrypted.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="information_deliveries")
    rights = models.JSONField(_("rights"), default=list)
    all_in_force = models.BooleanField(_("every right in force"), default=False)
    language = models.CharField(_("language"), max_length=12)
    formats = models.JSONField(_("format"), default=list)
    delivered_at = models.DateTimeField(_("when"))
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("informed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    understood = models.CharField(
        _("the child showed understanding"), max_length=8, choices=Understanding.choices
    )
    child_views = EncryptedTextField(_("the child's questions or views"), blank=True)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["-delivered_at", "-id"]
        indexes = [models.Index(fields=["case", "delivered_at"])]
        verbose_name = _("information delivery")
        verbose_name_plural = _("information deliveries")

    def __str__(self) -> str:
        return f"information delivery {self.pk} on {self.case_id}"


class Guardian(models.Model):
    """The guardian of an unaccompanied child: when requested, and who was appointed, when.

    One row per case; a new appointment replaces the guardian (the timeline keeps the history).
    The guardian's name is personal data of an adult who is not on the system: encrypted.
    The phone and e-mail are those of the guardian service, printed on the child's handout.
    """

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="guardian")
    requested_at = models.DateTimeField(_("requested"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_by_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, related_name="+"
    )
    appointed_at = models.DateTimeField(_("appointed"), null=True, blank=True)
    appointed_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    guardian_name = EncryptedTextField(_("name of the guardian"), blank=True)
    guardian_organisation = models.CharField(_("guardian organisation"), max_length=200, blank=True)
    contact_phone = models.CharField(_("phone of the guardian service"), max_length=40, blank=True)
    contact_email = models.EmailField(_("e-mail of the guardian service"), blank=True)

    class Meta:
        verbose_name = _("guardian")
        verbose_name_plural = _("guardians")

    def __str__(self) -> str:
        return f"guardian of {self.case_id}"

    @property
    def appointed(self) -> bool:
        return self.appointed_at is not None


class RightProvision(models.Model):
    """A right in force was provided to the child, or offered and declined by the child.

    Append-only: the latest record for a right supersedes the earlier ones (a mistake is
    corrected by a new record; the history stays). The information right and the guardian right
    have their own records (deliveries, the appointment) and are not recorded here.
    How it was provided can say where the child lives or what care the child gets: encrypted.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="right_provisions")
    right = models.CharField(_("right"), max_length=40)
    provided_on = models.DateField(_("date"))
    declined = models.BooleanField(_("offered, declined by the child"), default=False)
    note = EncryptedTextField(_("how it was provided"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        # The order recorded: the last record for a right is the one in force.
        ordering = ["recorded_at", "id"]
        indexes = [models.Index(fields=["case", "recorded_at"])]
        verbose_name = _("provision of a right")
        verbose_name_plural = _("provisions of rights")

    def __str__(self) -> str:
        return f"provision of {self.right} on {self.case_id}"

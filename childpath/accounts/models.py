import re
import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    SOCIAL_SERVICES = "social_services", _("Municipal social services")
    CHILD_PROTECTION = "child_protection", _("Child protection")
    NGO = "ngo", _("Non-governmental organisation")
    POLICE = "police", _("Police")
    BORDER = "border", _("Border guard")
    PROSECUTION = "prosecution", _("Prosecution or court")
    HEALTH = "health", _("Health care")
    EDUCATION = "education", _("School or education")
    BARNAHUS = "barnahus", _("Barnahus (children's house)")
    GUARDIAN = "guardian", _("Guardian service")
    SHELTER = "shelter", _("Shelter or safe accommodation")
    MIGRATION = "migration", _("Migration authority")
    GOVERNMENT = "government", _("Other government body")
    OTHER = "other", _("Other")


class Role(models.TextChoices):
    """The roles of DESIGN.md section 3; a role belongs to a user within an organisation."""

    FRONTLINE = "frontline", _("Frontline professional")
    CASEWORKER = "caseworker", _("Caseworker")
    COORDINATOR = "coordinator", _("Coordinator (lead professional)")
    DECISION_PANEL = "decision_panel", _("Decision panel member")
    SERVICE_PROVIDER = "service_provider", _("Service provider")
    FOCAL_POINT = "focal_point", _("National focal point")
    ANALYST = "analyst", _("Analyst")
    ADMINISTRATOR = "administrator", _("Administrator")
    AUDITOR = "auditor", _("Auditor (data protection officer)")


# Roles that never see a single case (DESIGN.md section 3: aggregates only, the system owner,
# or the audit trail without case contents).
ROLES_WITHOUT_CASES = frozenset({Role.ANALYST, Role.ADMINISTRATOR, Role.AUDITOR})
# Roles that may record a concern and so open a case.
ROLES_THAT_REGISTER = frozenset(
    {Role.FRONTLINE, Role.CASEWORKER, Role.COORDINATOR, Role.FOCAL_POINT}
)


class Organisation(models.Model):
    """An organisation (HSDS ``organization``) with its sector and accreditations."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200, unique=True)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    country = models.CharField(
        _("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2 code, for example SE.")
    )
    may_identify = models.BooleanField(
        _("accredited to make formal identifications"),
        default=False,
        help_text=_("The social path: this organisation may formally identify a child."),
    )
    is_focal_point = models.BooleanField(_("national focal point"), default=False)
    is_service_provider = models.BooleanField(_("service provider"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


# A phone number as people write it: an optional +, then digits, spaces, dots, dashes and
# brackets, with at least three digits.
PHONE_PATTERN = re.compile(r"^(?=(?:\D*\d){3})\+?[0-9(][0-9\s().-]{2,38}$")
validate_phone = RegexValidator(
    PHONE_PATTERN,
    _("Write the phone number with digits, for example +46 8 123 456 78."),
    code="phone",
)


def language_choices() -> list[tuple[str, str]]:
    """The instance's languages, each named in itself (settings.LANGUAGES)."""
    return list(settings.LANGUAGES)


class UserWithOrganisationManager(UserManager["User"]):
    """Every page shows, and every audit event records, the user's organisation: fetch it with
    the user (one join) instead of one more query per request."""

    def get_queryset(self) -> "models.QuerySet[User]":
        return super().get_queryset().select_related("organisation")


class User(AbstractUser):
    """A person who signs in, with one role within one organisation."""

    objects = UserWithOrganisationManager()  # type: ignore[misc]

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, blank=True)
    # How colleagues, services and the children the person leads reach them at work: shown to
    # a service when a referral shares the lead professional's contact, and on the child's page.
    # Without a work e-mail the sign-in address (``email``) is shown, as before these fields.
    work_phone = models.CharField(
        _("work phone"),
        max_length=40,
        blank=True,
        validators=[validate_phone],
        help_text=_("The number services and children may call you on at work."),
    )
    work_email = models.EmailField(
        _("work e-mail"),
        blank=True,
        help_text=_("The address services and children may write to you at work."),
    )
    # Empty: the instance's language (settings.LANGUAGE_CODE). E-mails are written in it.
    language = models.CharField(
        _("language of e-mails"),
        max_length=10,
        blank=True,
        choices=language_choices,
        help_text=_("Childpath writes your e-mails in this language."),
    )

    # How many of the person's in-app notifications are unread: the menu shows it on every
    # page, and the user row is read on every request anyway, so the count costs no query.
    # Kept by the referrals app's notification service, the only writer of notifications
    # (``referrals.notifications``: +1 per new one, minus those marked read).
    unread_notifications = models.PositiveIntegerField(default=0, db_default=0, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def may_see_cases(self) -> bool:
        return self.is_active and bool(self.role) and self.role not in ROLES_WITHOUT_CASES

    @property
    def may_register(self) -> bool:
        return self.is_active and self.role in ROLES_THAT_REGISTER

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def contact_email(self) -> str:
        """The address to show others: the work e-mail, else the sign-in address."""
        return self.work_email or self.email

    @property
    def mail_language(self) -> str:
        """The language of this person's e-mails: their choice, else the instance's."""
        return self.language or settings.LANGUAGE_CODE

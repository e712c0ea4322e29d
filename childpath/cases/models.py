from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from childpath.accounts.models import Organisation, Role, User
from childpath.cases.age import AgeStatus, AssessedAge, age_status
from childpath.lib.fields import EncryptedJSONField, EncryptedTextField


class Sex(models.TextChoices):
    FEMALE = "female", _("Girl / female")
    MALE = "male", _("Boy / male")
    OTHER = "other", _("Another gender")
    UNKNOWN = "unknown", _("Not known")


class MigrationStatus(models.TextChoices):
    NATIONAL = "national", _("National of this country")
    EU_CITIZEN = "eu_citizen", _("EU/EEA citizen")
    ASYLUM_SEEKER = "asylum_seeker", _("Asylum seeker")
    REFUGEE = "refugee", _("Refugee or other protection")
    TEMPORARY_PROTECTION = "temporary_protection", _("Temporary protection")
    UNDOCUMENTED = "undocumented", _("Undocumented")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Not known")


class YesNoUnknown(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Not known")


class Stage(models.TextChoices):
    CONCERN = "concern", _("Concern recorded")
    SCREENED = "screened", _("Screened")
    PRESUMED = "presumed", _("Presumed victim")
    IDENTIFIED = "identified", _("Identified victim")
    CLOSED = "closed", _("Closed")


class Access(models.TextChoices):
    EDIT = "edit", _("Can edit")
    VIEW = "view", _("Can view")


_STAGE_LABELS = dict(Stage.choices)
_SEX_LABELS = dict(Sex.choices)
_MIGRATION_LABELS = dict(MigrationStatus.choices)
_YES_NO_LABELS = dict(YesNoUnknown.choices)
_ACCESS_LABELS = dict(Access.choices)

# Roles that see cases on which their whole organisation is on the team.
ORGANISATION_WIDE_ROLES = frozenset({Role.CASEWORKER, Role.COORDINATOR})


# What a row of a list of cases reads (cases/rows.py), with the columns of its orders.
LISTED_FIELDS = (
    "reference",
    "stage",
    "sex",
    "created_at",
    "last_activity_at",
    "claimed_age",
    "claimed_on",
    "age_disputed",
    # The coordinator's display_name.
    "coordinator__first_name",
    "coordinator__last_name",
    "coordinator__username",
    "identity__date_of_birth",
)
NAME_FIELDS = ("identity__given_names", "identity__family_name", "identity__aliases")


class CaseQuerySet(models.QuerySet["Case"]):
    """The one access path to cases (DESIGN.md 6.3). One rule a line; each line is tested.

    ``per_row=True`` writes the same rule as correlated EXISTS subqueries, which PostgreSQL
    checks with one index probe per case: use it to fetch or check one case (by reference
    or pk), where the default form would first collect every case of the user's organisation
    (a cost that grows with the number of cases; see BENCHMARKS.md), and for lists read in
    the order of an index (the case list: the newest cases are probed until a page is full).
    The default form suits counts and aggregates over everything a user may see.
    """

    def _on_team(self, members: "CaseMemberQuerySet", per_row: bool) -> Q:
        if per_row:
            # ``case_id BETWEEN id AND id`` is ``case_id = id`` for the index probe, but
            # PostgreSQL cannot turn it into a hashed subplan: with ``=`` it collects every
            # team row of the organisation first (300,000 at 1,000,000 cases) even when the
            # first page needs 26 cases (BENCHMARKS.md, issue 17).
            on_this_case = members.filter(case__gte=OuterRef("pk"), case__lte=OuterRef("pk"))
            return Q(Exists(on_this_case))
        return Q(pk__in=members.values("case_id"))

    def visible_to(self, user: User, *, per_row: bool = False) -> "CaseQuerySet":
        if not user.is_authenticated or not user.may_see_cases:
            return self.none()
        members = CaseMember.objects.all()
        rule = Q(coordinator=user)
        rule |= self._on_team(members.filter(user=user), per_row)
        if user.role in ORGANISATION_WIDE_ROLES:
            rule |= self._on_team(members.for_whole(user.organisation_id), per_row)
        return self.filter(rule)

    def count_visible(self, user: User) -> int:
        """``visible_to(user).count()``, counted as a UNION of the rule's lines, each an index
        lookup (the cases the user coordinates, the team rows of the user and of the user's
        organisation): an OR of them is checked on every case (1.1 s at 1,000,000 cases for
        the home page's count; BENCHMARKS.md, issue 17). The lines are ``visible_to``'s."""
        if not user.is_authenticated or not user.may_see_cases:
            return 0
        members = CaseMember.objects.all()
        lines = [members.filter(user=user).values("case_id")]
        if user.role in ORGANISATION_WIDE_ROLES:
            lines.append(members.for_whole(user.organisation_id).values("case_id"))
        coordinated = self.model._default_manager.filter(coordinator=user).values("pk")
        return coordinated.order_by().union(*(line.order_by() for line in lines)).count()

    def for_listing(self, *, names: bool = False) -> "CaseQuerySet":
        """What a list row shows (``cases.rows.case_rows``, which reads the rows' age
        assessments in one more query), and the columns of the list's orders; nothing else:
        building the rows is most of the query's cost (BENCHMARKS.md, issue 17). The age
        needs the date of birth. ``names``: the names and aliases too (search results),
        decrypted for each row shown."""
        shown = [*LISTED_FIELDS, *(NAME_FIELDS if names else ())]
        return self.select_related("coordinator", "identity").only(*shown)

    def team_managed_by(self, user: User, *, per_row: bool = False) -> "CaseQuerySet":
        """Who may change the team (DESIGN.md 7): the coordinator, and the caseworkers and
        coordinators of the lead agency."""
        if not user.is_authenticated or not user.may_see_cases:
            return self.none()
        return self.filter(self.team_manager_rule(user))

    def editable_by(self, user: User, *, per_row: bool = False) -> "CaseQuerySet":
        if not user.is_authenticated or not user.may_see_cases:
            return self.none()
        return self.filter(self.editor_rule(user, per_row=per_row))

    # The two rules as conditions on a case row, so ``cases.access.case_for`` can read them
    # as columns of the one query that fetches the case (instead of an EXISTS that selects
    # the case a second and a third time). Only for a user who may see cases.

    def team_manager_rule(self, user: User) -> Q:
        rule = Q(coordinator=user)
        if user.role in ORGANISATION_WIDE_ROLES and user.organisation_id is not None:
            rule |= Q(lead_organisation_id=user.organisation_id)
        return rule

    def editor_rule(self, user: User, *, per_row: bool = False) -> Q:
        editors = CaseMember.objects.filter(access=Access.EDIT)
        rule = Q(coordinator=user)
        rule |= self._on_team(editors.filter(user=user), per_row)
        if user.role in ORGANISATION_WIDE_ROLES:
            rule |= self._on_team(editors.for_whole(user.organisation_id), per_row)
        return rule


class Case(models.Model):
    """One child. The pseudonymous ``reference`` is the public handle; identity is encrypted.

    Non-identifying facts (sex, age, citizenship, languages, migration status,
    unaccompanied) are kept in clear for statistics (DESIGN.md section 4).
    """

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    stage = models.CharField(
        _("stage"), max_length=16, choices=Stage.choices, default=Stage.CONCERN, db_index=True
    )
    created_at = models.DateTimeField(_("registered"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # When anything last happened on the case (any change through ``record_change``, by
    # whichever app): the case list's "latest activity first" order, read through its index.
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    # Incremented by every change of the child's details: the API's ETag and the forms'
    # hidden version, so a change made meanwhile is never overwritten unseen.
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_by_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    # The agency that leads the case (a whole organisation on the team, with edit access). It
    # is replaced only by an explicit transfer (services.transfer_lead), never removed.
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("lead agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_cases",
    )
    sex = models.CharField(_("sex / gender"), max_length=16, choices=Sex.choices)
    claimed_age = models.PositiveSmallIntegerField(_("claimed age"), null=True, blank=True)
    claimed_on = models.DateField(_("age claimed on"), null=True, blank=True)
    age_disputed = models.BooleanField(_("age in doubt"), default=False)
    citizenship = models.CharField(_("citizenship"), max_length=2, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    migration_status = models.CharField(
        _("migration status"), max_length=24, choices=MigrationStatus.choices
    )
    unaccompanied = models.CharField(_("unaccompanied"), max_length=8, choices=YesNoUnknown.choices)

    objects = CaseQuerySet.as_manager()
    # What ``cases.access.case_for`` found this user may do, so a service does not ask again.
    checked_access: Any = None

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The keyset order of the case list sorted by activity (childpath.lib.pagination).
            models.Index(fields=["last_activity_at", "id"], name="case_activity_id"),
        ]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return self.reference

    # The labels the case list shows on every row, from dicts made once: Django's own
    # get_FOO_display rebuilds the field's choices on every call (BENCHMARKS.md, issue 17).
    def get_stage_display(self) -> str:  # type: ignore[no-redef]
        return str(_STAGE_LABELS.get(self.stage, self.stage))

    def get_sex_display(self) -> str:  # type: ignore[no-redef]
        return str(_SEX_LABELS.get(self.sex, self.sex))

    def get_migration_status_display(self) -> str:  # type: ignore[no-redef]
        return str(_MIGRATION_LABELS.get(self.migration_status, self.migration_status))

    def get_unaccompanied_display(self) -> str:  # type: ignore[no-redef]
        return str(_YES_NO_LABELS.get(self.unaccompanied, self.unaccompanied))

    def age_now(self) -> AgeStatus:
        """Today's age status, from the date of birth (decrypted in memory) or claimed age."""
        return self.age(date_of_birth=self.identity.birth_date)

    def age(self, *, date_of_birth: date | None, today: date | None = None) -> AgeStatus:
        """The age status; pass the decrypted date of birth when the caller has it."""
        return self.age_given(self.latest_age_assessment, date_of_birth=date_of_birth, today=today)

    def age_given(
        self, assessment: AssessedAge | None, *, date_of_birth: date | None, today: date | None
    ) -> AgeStatus:
        """The age status with the newest assessment the caller read (for many cases at
        once, one query for all of their assessments)."""
        return age_status(
            date_of_birth=date_of_birth,
            claimed_age=self.claimed_age,
            claimed_on=self.claimed_on,
            disputed=self.age_disputed,
            today=today or timezone.localdate(),
            assessment=assessment,
        )

    @cached_property
    def latest_age_assessment(self) -> AssessedAge | None:
        """The newest age assessment (age_assessment app, reached by its related name), read
        once per instance, from a prefetch when the caller made one (``for_listing``)."""
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get("age_assessments")
        # The model's ordering puts the newest first.
        rows = self.age_assessments.defer("notes")[:1] if prefetched is None else prefetched  # type: ignore[attr-defined]
        newest = next(iter(rows), None)
        return None if newest is None else newest.assessed_age()


def newest_assessments(case_ids: list[int]) -> dict[int, AssessedAge]:
    """Each case's newest age assessment, in one query for all of them: for ``age_given``
    on a list of cases (the case table, the turning-18 card)."""
    if not case_ids:
        return {}
    # The age_assessment app's model, by its related name: this app does not import it.
    model: Any = Case._meta.get_field("age_assessments").related_model
    fields = ("method", "minimum_age", "maximum_age", "assessed_on", "outcome", "concluded")
    newest: dict[int, AssessedAge] = {}
    # The model's ordering puts each case's newest first.
    for row in model._default_manager.filter(case_id__in=case_ids).only("case_id", *fields):
        newest.setdefault(row.case_id, row.assessed_age())
    return newest


class Identity(models.Model):
    """The child's identifying data, encrypted at rest, shown only to the case team."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="identity")
    given_names = EncryptedTextField(_("given names"), blank=True)
    family_name = EncryptedTextField(_("family name"), blank=True)
    aliases = EncryptedJSONField(_("other names and aliases"), blank=True, null=True)
    date_of_birth = EncryptedTextField(_("date of birth"), blank=True)
    documents = EncryptedTextField(_("identity documents"), blank=True)
    contacts = EncryptedTextField(_("contact details"), blank=True)

    class Meta:
        verbose_name = _("identity")
        verbose_name_plural = _("identities")

    def __str__(self) -> str:
        return f"identity of {self.case_id}"

    @property
    def birth_date(self) -> date | None:
        return date.fromisoformat(self.date_of_birth) if self.date_of_birth else None

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_names, self.family_name) if part)

    def all_names(self) -> list[str]:
        names = [self.full_name, *(self.aliases or [])]
        return [name for name in names if name.strip()]


class SearchToken(models.Model):
    """Blind-index tokens of a case's names (with and without date of birth)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="search_tokens")
    token = models.CharField(max_length=64, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "token"], name="unique_search_token")
        ]

    def __str__(self) -> str:
        return f"token of {self.case_id}"


class CaseMemberQuerySet(models.QuerySet["CaseMember"]):
    def for_whole(self, organisation_id: Any) -> "CaseMemberQuerySet":
        """Rows that put a whole organisation on the team."""
        return self.filter(organisation_id=organisation_id, user__isnull=True)


class CaseMember(models.Model):
    """A member of the case team: a whole organisation (``user`` empty) or one person."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="case_memberships",
    )
    access = models.CharField(_("access"), max_length=8, choices=Access.choices)
    added_at = models.DateTimeField(default=timezone.now)

    objects = CaseMemberQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "organisation", "user"], name="unique_case_member"
            ),
            models.UniqueConstraint(
                fields=["case", "organisation"],
                condition=Q(user__isnull=True),
                name="unique_case_member_organisation",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "case"]),
            # Covers the whole-organisation rule of visible_to with an index-only scan.
            models.Index(fields=["organisation", "user", "case"], name="casemember_org_user_case"),
        ]
        verbose_name = _("case team member")
        verbose_name_plural = _("case team members")

    def __str__(self) -> str:
        return f"{self.user or self.organisation} on {self.case_id}"

    def get_access_display(self) -> str:  # type: ignore[no-redef]
        return str(_ACCESS_LABELS.get(self.access, self.access))


class CameToNotice(models.TextChoices):
    SELF = "self", _("The child asked for help")
    FAMILY = "family", _("Family or friends")
    SCHOOL = "school", _("School")
    HEALTH = "health", _("Health care")
    SOCIAL_SERVICES = "social_services", _("Social services")
    OUTREACH = "outreach", _("Outreach work")
    ONLINE = "online", _("Online report or tip")
    POLICE = "police", _("Police")
    BORDER = "border", _("Border or migration authority")
    NEIGHBOUR = "neighbour", _("Neighbour or member of the public")
    HELPLINE = "helpline", _("Helpline")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Not known")


class Encounter(models.Model):
    """How the child came to notice: a concern recorded by a professional."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="encounters")
    came_to_notice = models.CharField(
        _("how the child came to notice"), max_length=24, choices=CameToNotice.choices
    )
    occurred_on = models.DateField(_("date"))
    # Place and observations can name people and places: encrypted like the identity.
    place = EncryptedTextField(_("where"), blank=True)
    observations = EncryptedTextField(_("observations"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = _("encounter")
        verbose_name_plural = _("encounters")

    def __str__(self) -> str:
        return f"encounter {self.pk} on {self.case_id}"


class CaseEvent(models.Model):
    """One entry on the case timeline. ``kind`` picks a translated sentence; ``data`` holds
    its non-identifying parameters (never names or free text about the child)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=48)
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["case", "-at"])]
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")

    def __str__(self) -> str:
        return f"{self.kind} on {self.case_id}"

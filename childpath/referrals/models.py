"""Referrals from a case to a service at a location, their history, and in-app notifications."""

import uuid
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from childpath.accounts.models import Organisation
from childpath.cases.models import Case, CaseMember
from childpath.lib.fields import EncryptedJSONField, EncryptedTextField
from childpath.referrals import lifecycle


class Status(models.TextChoices):
    SENT = lifecycle.SENT, _("Sent")
    ACKNOWLEDGED = lifecycle.ACKNOWLEDGED, _("Acknowledged")
    ACCEPTED = lifecycle.ACCEPTED, _("Accepted")
    DECLINED = lifecycle.DECLINED, _("Declined")
    ACTIVE = lifecycle.ACTIVE, _("Support under way")
    COMPLETED = lifecycle.COMPLETED, _("Completed")
    NO_RESPONSE = lifecycle.NO_RESPONSE, _("No response")
    WITHDRAWN = lifecycle.WITHDRAWN, _("Withdrawn")


class Urgency(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency")
    URGENT = "urgent", _("Urgent")
    ROUTINE = "routine", _("Routine")


class Deadline(models.TextChoices):
    ACKNOWLEDGE = lifecycle.ACKNOWLEDGE, _("acknowledgement")
    RESPOND = lifecycle.RESPOND, _("answer")


class Referral(models.Model):
    """A referral of a case to a service at a location (DESIGN.md section 4).

    The receiver is the Childpath organisation linked to the service's directory organization,
    copied here when the referral is sent so the inbox is one indexed look-up. ``shared`` is the
    copy of the items the sender chose (DESIGN.md rule 8); it is erased when the receiver
    declines or the referral closes unanswered. ``due_at`` is the deadline the overdue worker
    watches (DESIGN.md 6.5): empty once nothing more is due.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    service_at_location = models.ForeignKey(
        "directory.ServiceAtLocation",
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    to_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("receiving organisation"),
        on_delete=models.PROTECT,
        related_name="incoming_referrals",
    )
    need = models.CharField(_("need"), max_length=200, blank=True)
    # Free text about the child: encrypted like the identity.
    reason = EncryptedTextField(_("reason"))
    urgency = models.CharField(_("urgency"), max_length=12, choices=Urgency.choices)
    shared_items = models.JSONField(_("shared with the service"), default=list)
    shared = EncryptedJSONField(null=True, blank=True)
    note = EncryptedTextField(_("note for the service"), blank=True)

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SENT, db_index=True
    )
    status_changed_at = models.DateTimeField(default=timezone.now)
    decline_reason = EncryptedTextField(_("reason for declining"), blank=True)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="outgoing_referrals"
    )

    acknowledge_by = models.DateTimeField(_("acknowledge by"))
    respond_by = models.DateTimeField(_("answer by"))
    due_at = models.DateTimeField(null=True, blank=True)
    overdue_since = models.DateTimeField(null=True, blank=True)
    overdue_deadline = models.CharField(max_length=12, choices=Deadline.choices, blank=True)
    # An explicit decision of the case team that a declined, unanswered or overdue referral
    # needs nothing more (recorded through record_change): it leaves "Children without a
    # pathway" only then, or when another referral for the same need is accepted or pending.
    settled_at = models.DateTimeField(_("decision recorded"), null=True, blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Free text about the child's situation: encrypted like the reason.
    settled_reason = EncryptedTextField(_("decision"), blank=True)
    # The team membership the acceptance gave the receiver, taken back if the sender withdraws.
    granted_member = models.ForeignKey(
        CaseMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [
            # The overdue sweep: only rows with something still due are in this index, so
            # "nothing is due" is one probe however many referrals exist (BENCHMARKS.md).
            models.Index(fields=["due_at"], name="referral_due", condition=Q(due_at__isnull=False)),
            models.Index(fields=["to_organisation", "-sent_at"], name="referral_inbox"),
            models.Index(fields=["case", "-sent_at"], name="referral_case"),
        ]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")

    def __str__(self) -> str:
        return f"referral {self.pk} of {self.case_id}"

    def is_overdue(self, now: datetime | None = None) -> bool:
        return lifecycle.is_overdue(
            self.status, self.acknowledge_by, self.respond_by, now or timezone.now()
        )

    def missed_deadline(self, now: datetime | None = None) -> str | None:
        return lifecycle.missed(
            self.status, self.acknowledge_by, self.respond_by, now or timezone.now()
        )

    @property
    def is_pending(self) -> bool:
        return self.status in lifecycle.PENDING

    @property
    def is_unanswered(self) -> bool:
        return self.status in lifecycle.UNANSWERED


class ReferralChange(models.Model):
    """One step in a referral's history, readable by both sides (the case timeline is not)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=16, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("referral change")
        verbose_name_plural = _("referral changes")

    def __str__(self) -> str:
        return f"{self.status} of {self.referral_id}"


class NotificationKind(models.TextChoices):
    OVERDUE = "referral.overdue", _("A referral is overdue")
    DECLINED = "referral.declined", _("A referral was declined")
    RECEIVED = "referral.received", _("A new referral")
    ACCEPTED = "referral.accepted", _("A referral was accepted")


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """An in-app message to one user: the coordinator hears of overdue, accepted and declined
    referrals (DESIGN.md section 3), the receiving service of each new referral.

    ``key`` makes each notification unique: the worker can never notify the same missed
    deadline twice, even if two workers raced past the compare-and-set. ``data`` holds
    non-identifying parameters only (case reference, service, deadline).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=32, choices=NotificationKind.choices)
    key = models.CharField(max_length=120, unique=True)
    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    case_reference = models.CharField(max_length=20, blank=True)
    data: Any = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}"

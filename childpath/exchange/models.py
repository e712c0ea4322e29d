"""Federation: peers, conversations, the outbox and inbox, and cross-border referrals.

DESIGN.md 6.6. A *conversation* is what two instances share (same id on both sides); a
*cross-border referral* is this instance's view of one referral conversation. Message rows
never hold readable payloads: the outbox keeps the ciphertext for the peer, the inbox only
the id, digest and receipt; what a focal point reads is in ``Entry``, encrypted at rest.
"""

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from childpath.accounts.models import Organisation
from childpath.cases.models import Case
from childpath.lib.fields import EncryptedTextField


class PeerStatus(models.TextChoices):
    PENDING = "pending", _("Fingerprint not yet confirmed")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    REMOVED = "removed", _("Removed")


class Peer(models.Model):
    """Another country's instance, known from its federation card.

    Nothing is accepted from or sent to a peer that is not ACTIVE: an administrator must first
    confirm the card's fingerprint out of band (DESIGN.md 6.6). ``keys`` are the card's public
    keys, each with an optional ``accept_until`` after a rotation.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    instance_id = models.CharField(_("instance id"), max_length=63, unique=True)
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2)
    address = models.URLField(_("inbox address"), max_length=300)
    keys: Any = models.JSONField(default=list)
    fingerprint = models.CharField(_("fingerprint"), max_length=60)
    status = models.CharField(
        _("status"), max_length=12, choices=PeerStatus.choices, default=PeerStatus.PENDING
    )
    imported_at = models.DateTimeField(default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status_changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("peer instance")
        verbose_name_plural = _("peer instances")

    def __str__(self) -> str:
        return self.instance_id

    @property
    def is_active(self) -> bool:
        return self.status == PeerStatus.ACTIVE


class Conversation(models.Model):
    """A thread of messages with one peer; the id is the same on both instances.

    Each side numbers its own messages 1, 2, 3... (``next_out_seq``) and applies the other
    side's strictly in order (``last_in_seq``): a status update is never applied before the
    acceptance it follows.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    peer = models.ForeignKey(Peer, on_delete=models.PROTECT, related_name="conversations")
    kind = models.CharField(max_length=24)
    started_here = models.BooleanField()
    next_out_seq = models.PositiveIntegerField(default=1)
    last_in_seq = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")

    def __str__(self) -> str:
        return f"{self.kind} {self.pk} with {self.peer_id}"


class Delivery(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    DELIVERED = "delivered", _("Delivered")
    REFUSED = "refused", _("Refused by the peer")
    UNDELIVERABLE = "undeliverable", _("Undeliverable")


class OutboxMessage(models.Model):
    """A message for a peer, written in the transaction of the change that causes it.

    ``payload`` is already encrypted for the peer. The worker claims a row by a compare-and-set
    on (state, claim) and re-signs each attempt; ``next_attempt_at`` is the indexed deadline it
    sweeps (DESIGN.md 6.5).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    peer = models.ForeignKey(Peer, on_delete=models.PROTECT, related_name="outbox")
    conversation = models.ForeignKey(Conversation, on_delete=models.PROTECT, related_name="outbox")
    seq = models.PositiveIntegerField()
    type = models.CharField(max_length=40)
    reply_to = models.UUIDField(null=True, blank=True)
    recipient_key = models.CharField(max_length=32)
    payload = models.TextField()
    case_reference = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(
        max_length=16, choices=Delivery.choices, default=Delivery.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, default=timezone.now)
    deadline = models.DateTimeField()
    claim = models.CharField(max_length=32, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=40, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    receipt = models.TextField(blank=True)
    # Set when the focal point has seen the failure (the home card stops counting it).
    failure_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["conversation", "seq"], name="outbox_conversation_seq")
        ]
        indexes = [
            # The worker's sweep: only rows still to send are in this index.
            models.Index(
                fields=["next_attempt_at"],
                name="outbox_due",
                condition=Q(state__in=["pending", "sending"]),
            ),
        ]
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")

    def __str__(self) -> str:
        return f"{self.type} {self.pk} to {self.peer_id}"


class InboxOutcome(models.TextChoices):
    APPLIED = "applied", _("Applied")
    REFUSED = "refused", _("Refused")


class InboxMessage(models.Model):
    """A message received from a peer: applied once, by its unique id (idempotent inbox).

    A duplicate gets ``receipt`` again, byte for byte. A message refused after its sequence
    number was taken (a state that does not allow it) is kept too, so the conversation goes on
    and a retry gets the same refusal.
    """

    message_id = models.UUIDField()
    peer = models.ForeignKey(Peer, on_delete=models.PROTECT, related_name="inbox")
    conversation = models.ForeignKey(Conversation, on_delete=models.PROTECT, related_name="inbox")
    seq = models.PositiveIntegerField()
    type = models.CharField(max_length=40)
    digest = models.CharField(max_length=64)
    received_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=12, choices=InboxOutcome.choices)
    reason = models.CharField(max_length=40, blank=True)
    receipt = models.TextField(blank=True)

    class Meta:
        ordering = ["received_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["peer", "message_id"], name="inbox_unique_message"),
            models.UniqueConstraint(fields=["conversation", "seq"], name="inbox_conversation_seq"),
        ]
        verbose_name = _("received message")
        verbose_name_plural = _("received messages")

    def __str__(self) -> str:
        return f"{self.type} {self.message_id} from {self.peer_id}"


class Direction(models.TextChoices):
    OUTGOING = "out", _("Outgoing")
    INCOMING = "in", _("Incoming")


class Urgency(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency")
    URGENT = "urgent", _("Urgent")
    ROUTINE = "routine", _("Routine")


class Status(models.TextChoices):
    REQUESTED = "requested", _("Asked of the focal point")
    RETURNED = "returned", _("Returned by the focal point")
    SENT = "sent", _("Sent, waiting for an answer")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    TRANSFERRED = "transferred", _("Case transferred")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CLOSED = "closed", _("Closed")


class CrossBorderReferral(models.Model):
    """This instance's side of a transnational referral (DESIGN.md 6.6).

    Outgoing: a caseworker asks (REQUESTED); the focal point sends it to a peer (SENT). Incoming:
    a peer's request, without the child's name; the case opens here on acceptance with a
    reference of its own, linked to ``remote_reference``. ``share_fields`` are the identity
    fields the sender ticked: they travel only on acceptance or in a transfer.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    direction = models.CharField(max_length=3, choices=Direction.choices)
    conversation = models.OneToOneField(
        Conversation, on_delete=models.PROTECT, null=True, blank=True, related_name="referral"
    )
    peer = models.ForeignKey(
        Peer, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals"
    )
    case = models.ForeignKey(
        Case,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cross_border_referrals",
    )
    remote_reference = models.CharField(_("their reference"), max_length=20, blank=True)
    country = models.CharField(_("country"), max_length=2)
    reason = EncryptedTextField(_("reason"))
    urgency = models.CharField(_("urgency"), max_length=12, choices=Urgency.choices)
    share_fields = models.JSONField(_("identity fields that may be shared"), default=list)
    child_views = EncryptedTextField(_("the child's views"), blank=True)
    # Non-identifying facts for the receiver (age band, sex, languages...): DESIGN.md rule 8.
    facts: Any = models.JSONField(default=dict)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED, db_index=True
    )
    status_changed_at = models.DateTimeField(default=timezone.now)
    remote_status = models.CharField(max_length=16, choices=Status.choices, blank=True)
    respond_by = models.DateTimeField(_("answer requested by"), null=True, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    focal_point = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    focal_note = EncryptedTextField(_("note from the focal point"), blank=True)
    lead_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    remote_lead_agency = models.CharField(_("their lead agency"), max_length=200, blank=True)
    decline_reason = EncryptedTextField(_("reason for declining"), blank=True)
    # Identity received before the local case opened is never kept outside the case.
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["respond_by"], name="crossborder_respond_by"),
            models.Index(fields=["direction", "status"], name="crossborder_direction_status"),
        ]
        verbose_name = _("cross-border referral")
        verbose_name_plural = _("cross-border referrals")

    def __str__(self) -> str:
        return f"cross-border referral {self.pk}"


class Topic(models.TextChoices):
    FAMILY_TRACING = "family_tracing", _("Family tracing")
    RISK_ASSESSMENT = "risk_assessment", _("Risk and safety assessment before any return")
    BEST_INTERESTS = "best_interests", _("Best-interests determination")
    GUARDIAN = "guardian", _("Guardian")
    OTHER = "other", _("Other")


class InformationRequest(models.Model):
    """A question one focal point asks the other within a referral, and its answer."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    referral = models.ForeignKey(
        CrossBorderReferral, on_delete=models.CASCADE, related_name="information_requests"
    )
    asked_here = models.BooleanField()
    topic = models.CharField(_("topic"), max_length=24, choices=Topic.choices)
    question = EncryptedTextField(_("question"))
    asked_at = models.DateTimeField(default=timezone.now)
    due_by = models.DateTimeField(_("answer requested by"), null=True, blank=True)
    answer = EncryptedTextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "id"]
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")

    def __str__(self) -> str:
        return f"information request {self.pk}"


class Entry(models.Model):
    """One message of a referral as its focal points read it, sent or received.

    ``text`` is the message's free text (encrypted); ``data`` its non-identifying parameters.
    """

    referral = models.ForeignKey(
        CrossBorderReferral, on_delete=models.CASCADE, related_name="entries"
    )
    message_id = models.UUIDField(unique=True)
    outgoing = models.BooleanField()
    type = models.CharField(max_length=40)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = EncryptedTextField(blank=True)
    # Identity values are never kept here: they go straight into the case (encrypted).
    data: Any = models.JSONField(default=dict)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("exchange entry")
        verbose_name_plural = _("exchange entries")

    def __str__(self) -> str:
        return f"{self.type} of {self.referral_id}"

"""Referrals over REST. The receiver side never gets more than the referral shares."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from childpath.referrals import lifecycle, pathways, sharing
from childpath.referrals.models import Referral, Status, Urgency
from childpath.referrals.services import MAX_NOTE, MAX_REASON, ReferralData


class ReferralCreateSerializer(serializers.Serializer[ReferralData]):
    service_at_location = serializers.UUIDField(
        help_text=_("The HSDS service_at_location id (see /api/v1/hsds/service_at_locations).")
    )
    need = serializers.CharField(
        max_length=200,
        allow_blank=True,
        default="",
        help_text=_("Taxonomy term code of the need, e.g. safe_accommodation."),
    )
    reason = serializers.CharField(max_length=MAX_REASON)
    urgency = serializers.ChoiceField(choices=Urgency.choices)
    shared_items = serializers.ListField(
        child=serializers.ChoiceField(choices=list(sharing.ITEMS)),
        max_length=len(sharing.ITEMS),
        help_text=_("What the service sees before it accepts; the minimum for the purpose."),
    )
    note = serializers.CharField(max_length=MAX_NOTE, allow_blank=True, default="")


class StatusChangeSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=Status.choices)
    reason = serializers.CharField(
        max_length=MAX_REASON,
        allow_blank=True,
        default="",
        help_text=_("Required to decline."),
    )


class ReferralSerializer(serializers.ModelSerializer[Referral]):
    """A referral. For the receiving service (``context["team"]`` false) the case and the
    sender's reason stay hidden, and the shared copy goes once the referral is closed to it."""

    case = serializers.SerializerMethodField()
    service = serializers.CharField(source="service_at_location.service.name")
    receiving_organisation = serializers.CharField(source="to_organisation.name")
    sending_organisation = serializers.CharField(source="from_organisation.name")
    reason = serializers.SerializerMethodField()
    shared = serializers.SerializerMethodField()
    note = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Referral
        fields = [
            "id",
            "case",
            "service_at_location",
            "service",
            "receiving_organisation",
            "sending_organisation",
            "need",
            "reason",
            "urgency",
            "shared_items",
            "shared",
            "note",
            "status",
            "status_changed_at",
            "decline_reason",
            "sent_at",
            "acknowledge_by",
            "respond_by",
            "overdue",
        ]
        read_only_fields = fields

    def _team(self) -> bool:
        return bool(self.context.get("team"))

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_case(self, referral: Referral) -> str | None:
        """The case reference: for the case team, and for the service once it has accepted."""
        if self._team() or referral.status in (*lifecycle.SUPPORTING, lifecycle.COMPLETED):
            return referral.case.reference
        return None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_reason(self, referral: Referral) -> str | None:
        return referral.reason if self._team() else None

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_shared(self, referral: Referral) -> dict[str, Any] | None:
        if not self._team() and referral.status in lifecycle.CLOSED_TO_RECEIVER:
            return None
        return referral.shared  # type: ignore[no-any-return]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_note(self, referral: Referral) -> str | None:
        if not self._team() and referral.status in lifecycle.CLOSED_TO_RECEIVER:
            return None
        return str(referral.note)

    @extend_schema_field(
        serializers.ChoiceField(choices=[lifecycle.ACKNOWLEDGE, lifecycle.RESPOND], allow_null=True)
    )
    def get_overdue(self, referral: Referral) -> str | None:
        """The deadline missed, if any: "acknowledge" or "respond"."""
        return referral.missed_deadline(self.context.get("now") or timezone.now())


class ReasonSerializer(serializers.Serializer[pathways.Reason]):
    code = serializers.ChoiceField(choices=list(pathways.REASONS))
    since = serializers.DateTimeField()
    referral = serializers.UUIDField(source="referral_id", allow_null=True)
    need = serializers.CharField()


class PathwaySerializer(serializers.Serializer[Any]):
    reference = serializers.CharField(source="case.reference")
    stage = serializers.CharField(source="case.stage")
    coordinator = serializers.CharField(
        source="case.coordinator.username", allow_null=True, default=None
    )
    waiting_since = serializers.DateTimeField(allow_null=True)
    reasons = ReasonSerializer(many=True)

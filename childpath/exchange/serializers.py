"""API shapes of the federation (under /api/v1/federation/)."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from childpath.exchange import casework
from childpath.exchange.models import (
    CrossBorderReferral,
    InboxMessage,
    InformationRequest,
    OutboxMessage,
    Peer,
    Topic,
    Urgency,
)


class PeerSerializer(serializers.ModelSerializer[Peer]):
    class Meta:
        model = Peer
        fields = [
            "id",
            "instance_id",
            "name",
            "country",
            "address",
            "fingerprint",
            "status",
            "keys",
            "imported_at",
            "confirmed_at",
        ]


class CardInputSerializer(serializers.Serializer[Any]):
    card = serializers.JSONField(help_text=_("The peer's federation card, as JSON."))


class FingerprintSerializer(serializers.Serializer[Any]):
    fingerprint = serializers.CharField(max_length=80)


class InformationRequestSerializer(serializers.ModelSerializer[InformationRequest]):
    class Meta:
        model = InformationRequest
        fields = [
            "id",
            "asked_here",
            "topic",
            "question",
            "asked_at",
            "due_by",
            "answer",
            "answered_at",
        ]


class ReferralSerializer(serializers.ModelSerializer[CrossBorderReferral]):
    case_reference = serializers.SerializerMethodField()
    peer: serializers.SlugRelatedField[Peer] = serializers.SlugRelatedField(
        slug_field="instance_id", read_only=True
    )
    lead_organisation: serializers.StringRelatedField[Any] = serializers.StringRelatedField()

    class Meta:
        model = CrossBorderReferral
        fields = [
            "id",
            "direction",
            "peer",
            "case_reference",
            "remote_reference",
            "country",
            "urgency",
            "reason",
            "child_views",
            "share_fields",
            "facts",
            "status",
            "remote_status",
            "status_changed_at",
            "respond_by",
            "requested_at",
            "sent_at",
            "lead_organisation",
            "remote_lead_agency",
            "decline_reason",
            "focal_note",
        ]

    def get_case_reference(self, referral: CrossBorderReferral) -> str:
        return referral.case.reference if referral.case is not None else ""


class RequestCreateSerializer(serializers.Serializer[Any]):
    case_reference = serializers.CharField(max_length=20)
    country = serializers.CharField(max_length=2)
    reason = serializers.CharField(max_length=4000, allow_blank=True)
    urgency = serializers.ChoiceField(choices=Urgency.choices)
    share_fields = serializers.ListField(
        child=serializers.ChoiceField(choices=list(casework.SHAREABLE)),
        required=False,
        default=list,
    )
    child_views = serializers.CharField(
        max_length=4000, allow_blank=True, required=False, default=""
    )


class SendSerializer(serializers.Serializer[Any]):
    peer = serializers.CharField(help_text=_("The peer's instance id."))


class ReasonSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=4000, allow_blank=True)


class TextSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(max_length=4000, allow_blank=True)


class NoteSerializer(serializers.Serializer[Any]):
    note = serializers.CharField(max_length=4000, allow_blank=True, required=False, default="")


class AcceptSerializer(serializers.Serializer[Any]):
    lead_organisation = serializers.UUIDField(help_text=_("The local lead agency's id."))


class AskSerializer(serializers.Serializer[Any]):
    topic = serializers.ChoiceField(choices=Topic.choices)
    question = serializers.CharField(max_length=4000, allow_blank=True)


class AnswerSerializer(serializers.Serializer[Any]):
    answer = serializers.CharField(max_length=4000, allow_blank=True)


class OutboxSerializer(serializers.ModelSerializer[OutboxMessage]):
    peer: serializers.SlugRelatedField[Peer] = serializers.SlugRelatedField(
        slug_field="instance_id", read_only=True
    )

    class Meta:
        model = OutboxMessage
        fields = [
            "id",
            "peer",
            "conversation",
            "seq",
            "type",
            "state",
            "attempts",
            "next_attempt_at",
            "deadline",
            "last_error",
            "created_at",
            "delivered_at",
        ]


class InboxSerializer(serializers.ModelSerializer[InboxMessage]):
    peer: serializers.SlugRelatedField[Peer] = serializers.SlugRelatedField(
        slug_field="instance_id", read_only=True
    )

    class Meta:
        model = InboxMessage
        fields = [
            "message_id",
            "peer",
            "conversation",
            "seq",
            "type",
            "outcome",
            "reason",
            "received_at",
        ]

from typing import Any

from rest_framework import serializers

from childpath.audit.models import AuditEvent


class AuditEventSerializer(serializers.ModelSerializer[AuditEvent]):
    actor = serializers.CharField(source="actor_username")

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "at",
            "actor",
            "organisation",
            "action",
            "case_reference",
            "fields",
            "purpose",
            "request_id",
            "previous_hash",
            "hash",
        ]


class FilterSerializer(serializers.Serializer[Any]):
    reference = serializers.CharField(required=False, default="", allow_blank=True, max_length=20)
    user = serializers.CharField(required=False, default="", allow_blank=True, max_length=150)
    organisation = serializers.CharField(
        required=False, default="", allow_blank=True, max_length=200
    )
    action = serializers.CharField(required=False, default="", allow_blank=True, max_length=64)
    since = serializers.DateField(required=False, default=None, allow_null=True)
    until = serializers.DateField(required=False, default=None, allow_null=True)


class ChainStateSerializer(serializers.Serializer[Any]):
    intact = serializers.BooleanField()
    events = serializers.IntegerField()
    broken_at = serializers.IntegerField(allow_null=True)
    message = serializers.CharField()

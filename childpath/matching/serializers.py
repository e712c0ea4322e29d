"""What the matching API returns: references, probabilities and agreeing fields, never a name."""

from typing import Any

from rest_framework import serializers


class DuplicateSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="flag.pk")
    case = serializers.CharField(source="mine.reference")
    other_case = serializers.CharField(
        source="other_reference",
        allow_blank=True,
        help_text="Empty when the other case is held by a team the caller is not on.",
    )
    other_organisation = serializers.CharField(allow_blank=True)
    probability = serializers.FloatField(source="flag.probability")
    agreeing = serializers.ListField(child=serializers.CharField(), source="flag.agreeing")
    status = serializers.CharField(source="flag.status")
    created_at = serializers.DateTimeField(source="flag.created_at")


class DecisionSerializer(serializers.Serializer[Any]):
    same = serializers.BooleanField(help_text="True: the same child; false: two children.")


class CandidateSerializer(serializers.Serializer[Any]):
    reference = serializers.CharField(help_text="The peer's reference, never a name.")
    probability = serializers.FloatField()
    band = serializers.CharField()
    agreeing = serializers.ListField(child=serializers.CharField())


class QuerySerializer(serializers.Serializer[Any]):
    query_id = serializers.UUIDField()
    peer = serializers.CharField()
    status = serializers.CharField()
    reason = serializers.CharField(allow_blank=True)
    key_version = serializers.IntegerField()
    asked_at = serializers.DateTimeField()
    answered_at = serializers.DateTimeField(allow_null=True)
    candidates = CandidateSerializer(many=True, source="candidates.all")


class AskSerializer(serializers.Serializer[Any]):
    peer = serializers.CharField(help_text="A country this instance shares a linkage key with.")

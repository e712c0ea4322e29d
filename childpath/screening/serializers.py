from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from childpath.indicators.engine import MAX_AGE, STATUSES
from childpath.screening.models import Screening
from childpath.screening.services import MAX_NOTE


class EvaluateSerializer(serializers.Serializer[Any]):
    age_at_exploitation = serializers.IntegerField(
        min_value=0,
        max_value=MAX_AGE,
        allow_null=True,
        help_text=_("Age when the exploitation happened; null when not known (child rule)."),
    )
    age_uncertain = serializers.BooleanField(
        help_text=_("True while the age is in doubt: the child rule applies.")
    )
    observations = serializers.DictField(
        child=serializers.ChoiceField(choices=STATUSES),
        help_text=_("Indicator id to observed, reported, suspected, not_observed or unknown."),
    )


class ScreeningCreateSerializer(EvaluateSerializer):
    notes = serializers.DictField(
        child=serializers.CharField(max_length=MAX_NOTE, allow_blank=True),
        required=False,
        default=dict,
        help_text=_("Indicator id to the professional's note."),
    )


class DimensionSerializer(serializers.Serializer[Any]):
    positive = serializers.BooleanField()
    indicators = serializers.ListField(child=serializers.CharField())
    strength_counts = serializers.DictField(child=serializers.IntegerField())
    unknown = serializers.ListField(child=serializers.CharField())
    concerns = serializers.ListField(child=serializers.CharField())


class EvaluationSerializer(serializers.Serializer[Any]):
    """The engine's answer (``Evaluation.as_dict()``)."""

    result = serializers.ChoiceField(choices=["presumed_victim", "at_risk", "no_indication"])
    rule = serializers.ChoiceField(choices=["child", "adult"])
    rule_basis = serializers.CharField()
    rule_reason = serializers.CharField()
    catalogue_version = serializers.CharField()
    dimensions = serializers.DictField(child=DimensionSerializer())
    reasons = serializers.ListField(child=serializers.DictField())
    missing = serializers.ListField(child=serializers.CharField())
    missing_elements = serializers.ListField(child=serializers.DictField())
    unknown = serializers.ListField(child=serializers.CharField())
    extensions = serializers.ListField(child=serializers.DictField())
    extension_country = serializers.CharField(allow_null=True)


class ScreeningSerializer(serializers.ModelSerializer[Screening]):
    case = serializers.CharField(source="case.reference")
    started_by = serializers.CharField(source="started_by.username", allow_null=True)
    organisation = serializers.CharField(source="organisation.name")
    notes = serializers.DictField(child=serializers.CharField(), allow_null=True)
    evaluation = EvaluationSerializer(allow_null=True)

    class Meta:
        model = Screening
        fields = [
            "id",
            "case",
            "started_by",
            "organisation",
            "started_at",
            "completed_at",
            "age_at_exploitation",
            "age_uncertain",
            "observations",
            "notes",
            "catalogue_version",
            "result",
            "rule",
            "evaluation",
        ]
        read_only_fields = fields

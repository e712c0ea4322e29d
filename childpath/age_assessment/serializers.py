from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from childpath.age_assessment.models import AgeAssessment, Method, Outcome
from childpath.age_assessment.rules import MAX_AGE, MIN_AGE
from childpath.age_assessment.validation import MAX_NOTES


class AgeAssessmentInputSerializer(serializers.Serializer[Any]):
    """One age assessment to record. The domain checks (range, dates, outcome against the
    lowest age, medical examination as a last resort) run in the service: 400 with field
    errors, nothing saved."""

    method = serializers.ChoiceField(
        choices=Method.choices,
        help_text=_("documents, interview, multidisciplinary, or medical (a last resort)."),
    )
    minimum_age = serializers.IntegerField(
        min_value=MIN_AGE,
        max_value=MAX_AGE,
        allow_null=True,
        default=None,
        help_text=_("Lowest age of the range, in years: the age that counts."),
    )
    maximum_age = serializers.IntegerField(
        min_value=MIN_AGE,
        max_value=MAX_AGE,
        allow_null=True,
        default=None,
        help_text=_("Highest age of the range, in years."),
    )
    assessed_on = serializers.DateField(help_text=_("Date of the assessment; not in the future."))
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    concluded = serializers.BooleanField(
        help_text=_("False while the assessment goes on: the person is treated as a child.")
    )
    notes = serializers.CharField(max_length=MAX_NOTES, allow_blank=True, default="")


class AgeAssessmentSerializer(serializers.ModelSerializer[AgeAssessment]):
    assessed_by = serializers.CharField(
        source="assessed_by.username", allow_null=True, default=None
    )
    organisation = serializers.CharField(source="organisation.name")

    class Meta:
        model = AgeAssessment
        fields = [
            "id",
            "method",
            "minimum_age",
            "maximum_age",
            "assessed_on",
            "outcome",
            "concluded",
            "notes",
            "assessed_by",
            "organisation",
            "recorded_at",
        ]
        read_only_fields = fields

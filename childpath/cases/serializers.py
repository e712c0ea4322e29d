from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from childpath.cases.models import CameToNotice, Case, MigrationStatus, Sex, YesNoUnknown
from childpath.cases.services import child_data
from childpath.cases.validation import (
    MAX_ALIASES,
    MAX_NAME,
    MAX_OBSERVATIONS,
    MAX_PLACE,
    MAX_TEXT,
    ChildData,
    EncounterData,
    check_child,
    check_encounter,
)


class ChildSerializer(serializers.Serializer[ChildData]):
    """The child's details; identifying fields are write-and-read for the case team only."""

    sex = serializers.ChoiceField(choices=Sex.choices, default=Sex.UNKNOWN)
    given_names = serializers.CharField(max_length=MAX_NAME, allow_blank=True, default="")
    family_name = serializers.CharField(max_length=MAX_NAME, allow_blank=True, default="")
    aliases = serializers.ListField(
        child=serializers.CharField(max_length=MAX_NAME), max_length=MAX_ALIASES, default=list
    )
    date_of_birth = serializers.DateField(allow_null=True, default=None)
    claimed_age = serializers.IntegerField(
        min_value=0, max_value=120, allow_null=True, default=None
    )
    age_disputed = serializers.BooleanField(default=False)
    citizenship = serializers.CharField(
        max_length=2,
        allow_blank=True,
        default="",
        help_text=_("ISO 3166-1 alpha-2; empty if not known."),
    )
    languages = serializers.ListField(
        child=serializers.CharField(max_length=12), max_length=30, default=list
    )
    migration_status = serializers.ChoiceField(
        choices=MigrationStatus.choices, default=MigrationStatus.UNKNOWN
    )
    unaccompanied = serializers.ChoiceField(
        choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN
    )
    documents = serializers.CharField(max_length=MAX_TEXT, allow_blank=True, default="")
    contacts = serializers.CharField(max_length=MAX_TEXT, allow_blank=True, default="")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        errors = check_child(ChildData(**attrs))
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class EncounterSerializer(serializers.Serializer[EncounterData]):
    came_to_notice = serializers.ChoiceField(choices=CameToNotice.choices)
    occurred_on = serializers.DateField()
    place = serializers.CharField(max_length=MAX_PLACE, allow_blank=True, default="")
    observations = serializers.CharField(max_length=MAX_OBSERVATIONS, allow_blank=True, default="")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        errors = check_encounter(EncounterData(**attrs))
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class CaseCreateSerializer(serializers.Serializer[Case]):
    child = ChildSerializer()
    encounter = EncounterSerializer()
    lead_organisation = serializers.UUIDField(allow_null=True, default=None)


class AgeSerializer(serializers.Serializer[Any]):
    years = serializers.IntegerField(allow_null=True)
    basis = serializers.CharField()
    disputed = serializers.BooleanField()
    treated_as_child = serializers.BooleanField()
    presumed = serializers.BooleanField(
        help_text=_("Child status rests on the presumption of minority.")
    )


class CaseSummarySerializer(serializers.ModelSerializer[Case]):
    """A case as listed: no identifying data."""

    coordinator = serializers.CharField(
        source="coordinator.username", allow_null=True, default=None
    )

    class Meta:
        model = Case
        fields = [
            "reference",
            "stage",
            "created_at",
            "updated_at",
            "sex",
            "claimed_age",
            "age_disputed",
            "citizenship",
            "languages",
            "migration_status",
            "unaccompanied",
            "coordinator",
        ]
        read_only_fields = fields


# What ``summaries`` reads, with the columns of the list's orders (childpath.cases.listing).
SUMMARY_COLUMNS = (
    *(name for name in CaseSummarySerializer.Meta.fields if name != "coordinator"),
    "last_activity_at",
    "coordinator__username",
)


def summaries(cases: Iterable[Case]) -> list[dict[str, Any]]:
    """``CaseSummarySerializer(cases, many=True).data``, written out: DRF's generic fields
    cost 7 ms for a page of 50 cases, this a tenth of it (BENCHMARKS.md, issue 17). The
    serializer stays the schema and the reference (``tests/test_api_summaries.py``)."""
    zone = timezone.get_current_timezone()

    def moment(value: datetime) -> str:
        # DRF's DateTimeField: ISO 8601 in the current time zone, UTC written "Z".
        text = value.astimezone(zone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return [
        {
            "reference": case.reference,
            "stage": case.stage,
            "created_at": moment(case.created_at),
            "updated_at": moment(case.updated_at),
            "sex": case.sex,
            "claimed_age": case.claimed_age,
            "age_disputed": case.age_disputed,
            "citizenship": case.citizenship,
            "languages": case.languages,
            "migration_status": case.migration_status,
            "unaccompanied": case.unaccompanied,
            "coordinator": None if case.coordinator is None else case.coordinator.username,
        }
        for case in cases
    ]


class TeamMemberSerializer(serializers.Serializer[Any]):
    organisation = serializers.CharField(source="organisation.name")
    user = serializers.CharField(source="user.username", allow_null=True, default=None)
    access = serializers.CharField()


class CaseDetailSerializer(CaseSummarySerializer):
    """A case for its team, with the decrypted identity."""

    child = serializers.SerializerMethodField()
    age = serializers.SerializerMethodField()
    team = serializers.SerializerMethodField()

    class Meta(CaseSummarySerializer.Meta):
        fields = [*CaseSummarySerializer.Meta.fields, "child", "age", "team"]
        read_only_fields = fields

    def get_child(self, case: Case) -> dict[str, Any]:
        return ChildSerializer(child_data(case, case.identity)).data

    def get_age(self, case: Case) -> dict[str, Any]:
        return AgeSerializer(case.age(date_of_birth=case.identity.birth_date)).data

    @extend_schema_field(TeamMemberSerializer(many=True))
    def get_team(self, case: Case) -> list[dict[str, Any]]:
        # One query for the whole team, not two per member (query budget, STYLE.md 6).
        members = case.members.select_related("organisation", "user").order_by("added_at", "pk")
        return TeamMemberSerializer(members, many=True).data  # type: ignore[return-value]

"""Identification decisions over REST, with their HTCDS values."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from childpath.identification import htcds
from childpath.identification.models import FORMAL_STATUSES, Basis, Decision, PanelMember, Status
from childpath.identification.status import NONE, ProtectionStatus
from childpath.identification.validation import (
    MAX_MEMBERS,
    MAX_NAME,
    MAX_REASONS,
    ORGANISATION,
    PANEL,
    DecisionData,
    MemberData,
)
from childpath.jurisdiction.profile import PATHS

# Ids beyond a 32-bit integer name nothing; the bound keeps them within every database.
MAX_ID = 2**31 - 1
HTCDS_STATUS_HELP = _("HTCDS TraffickingStatus; null for at risk, which HTCDS does not name.")


class MemberInputSerializer(serializers.Serializer[MemberData]):
    organisation = serializers.UUIDField(help_text=_("Id of an existing organisation."))
    user = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        allow_null=True,
        default=None,
        help_text=_("Id of a user of that organisation; or give the person's name."),
    )
    name = serializers.CharField(max_length=MAX_NAME, allow_blank=True, default="")


class DecisionCreateSerializer(serializers.Serializer[DecisionData]):
    decided_by = serializers.ChoiceField(
        choices=[ORGANISATION, PANEL],
        help_text=_("organisation: the caller's accredited organisation; panel: the members."),
    )
    status = serializers.ChoiceField(choices=[s.value for s in FORMAL_STATUSES])
    path = serializers.ChoiceField(choices=PATHS)
    decided_on = serializers.DateField()
    reasons = serializers.CharField(max_length=MAX_REASONS)
    members = serializers.ListField(
        child=MemberInputSerializer(), max_length=MAX_MEMBERS, default=list
    )
    reviews = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        allow_null=True,
        default=None,
        help_text=_("Id of the formal decision in force, which this one reviews."),
    )
    review_reason = serializers.CharField(max_length=MAX_REASONS, allow_blank=True, default="")

    def decision_data(self) -> DecisionData:
        data = self.validated_data
        return DecisionData(
            decided_by=data["decided_by"],
            status=data["status"],
            path=data["path"],
            decided_on=data["decided_on"],
            reasons=data["reasons"],
            members=tuple(
                MemberData(
                    organisation_id=str(member["organisation"]),
                    user_id=member["user"],
                    name=member["name"],
                )
                for member in data["members"]
            ),
            reviews=data["reviews"],
            review_reason=data["review_reason"],
        )


class OrganisationSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    name = serializers.CharField()
    sector = serializers.CharField()


class PanelMemberSerializer(serializers.ModelSerializer[PanelMember]):
    organisation = OrganisationSerializer()
    user = serializers.CharField(source="user.username", allow_null=True, default=None)

    class Meta:
        model = PanelMember
        fields = ["organisation", "sector", "user", "name"]
        read_only_fields = fields


class DecisionSerializer(serializers.ModelSerializer[Decision]):
    status = serializers.ChoiceField(choices=Status.choices)
    basis = serializers.ChoiceField(choices=Basis.choices)
    trafficking_status = serializers.SerializerMethodField(help_text=HTCDS_STATUS_HELP)
    decision_making_org = serializers.SerializerMethodField(
        help_text=_("HTCDS TraffickingStatusDecisionMakingOrg.")
    )
    path = serializers.SerializerMethodField()
    organisation = OrganisationSerializer(allow_null=True)
    sector = serializers.SerializerMethodField()
    panel_members = PanelMemberSerializer(many=True)
    recorded_by = serializers.CharField(
        source="recorded_by.username", allow_null=True, default=None
    )
    screening = serializers.IntegerField(source="screening_id", allow_null=True)
    reviews = serializers.IntegerField(source="reviews_id", allow_null=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "status",
            "trafficking_status",
            "basis",
            "path",
            "decided_at",
            "organisation",
            "sector",
            "decision_making_org",
            "panel_members",
            "screening",
            "reasons",
            "reviews",
            "review_reason",
            "recorded_by",
            "recorded_at",
        ]
        read_only_fields = fields

    @extend_schema_field(
        serializers.ChoiceField(choices=htcds.TRAFFICKING_STATUSES, allow_null=True)
    )
    def get_trafficking_status(self, decision: Decision) -> str | None:
        return htcds.trafficking_status(decision.status)

    @extend_schema_field(serializers.ChoiceField(choices=htcds.DECISION_MAKING_ORGS))
    def get_decision_making_org(self, decision: Decision) -> str:
        return htcds.decision_making_org(
            sector=decision.sector, panel=decision.basis == Basis.PANEL
        )

    @extend_schema_field(serializers.ChoiceField(choices=PATHS, allow_null=True))
    def get_path(self, decision: Decision) -> str | None:
        return decision.path or None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_sector(self, decision: Decision) -> str | None:
        return decision.sector or None


class ProtectionStatusSerializer(serializers.Serializer[ProtectionStatus]):
    status = serializers.ChoiceField(choices=[NONE, *Status.values])
    trafficking_status = serializers.SerializerMethodField(help_text=HTCDS_STATUS_HELP)
    presumed_since = serializers.DateTimeField(allow_null=True)
    identified_since = serializers.DateTimeField(allow_null=True)
    path = serializers.ChoiceField(choices=PATHS, allow_null=True)

    @extend_schema_field(
        serializers.ChoiceField(choices=htcds.TRAFFICKING_STATUSES, allow_null=True)
    )
    def get_trafficking_status(self, status: ProtectionStatus) -> str | None:
        return None if status.status == NONE else htcds.trafficking_status(status.status)


class IdentificationsSerializer(serializers.Serializer[Any]):
    """The status in force and every decision, in the order recorded (the last is in force)."""

    status = ProtectionStatusSerializer()
    results = DecisionSerializer(many=True)

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from childpath.jurisdiction.labels import RIGHT_TITLES
from childpath.jurisdiction.profile import RIGHT_CODES, TRIGGERS
from childpath.rights.core import STATUSES, UNACCOMPANIED_VALUES, RightStatus
from childpath.rights.models import (
    Format,
    Guardian,
    InformationDelivery,
    RightProvision,
    Understanding,
)
from childpath.rights.selectors import CaseRights
from childpath.rights.validation import MAX_NOTE, MAX_VIEWS


class TriggerSerializer(serializers.Serializer[Any]):
    code = serializers.ChoiceField(choices=TRIGGERS)
    holds = serializers.BooleanField()
    since = serializers.DateTimeField(allow_null=True)
    by_presumption = serializers.BooleanField(
        help_text=_("Holds because an unknown fact is presumed (age or unaccompanied).")
    )


class RightSerializer(serializers.Serializer[RightStatus]):
    code = serializers.ChoiceField(choices=RIGHT_CODES)
    title = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=STATUSES)
    triggers = TriggerSerializer(many=True)
    missing = serializers.ListField(child=serializers.ChoiceField(choices=TRIGGERS))
    legal_basis = serializers.CharField()
    responsible = serializers.CharField(help_text=_("The sector that must provide it."))
    opened = serializers.DateTimeField(allow_null=True)
    deadline = serializers.DateTimeField(allow_null=True)
    overdue = serializers.BooleanField()
    informed = serializers.BooleanField()
    informed_at = serializers.DateTimeField(
        allow_null=True, help_text=_("The latest delivery of information that covered it.")
    )
    met = serializers.BooleanField(
        help_text=_(
            "Provided: by a delivery of information (the information right), the "
            "guardian's appointment (the guardian right) or a provision record."
        )
    )
    met_at = serializers.DateTimeField(
        allow_null=True,
        help_text=_("When the information right or the guardian right was met by its record."),
    )
    provided_on = serializers.DateField(
        allow_null=True, help_text=_("The day of the provision record in force, if provided.")
    )
    declined = serializers.BooleanField(
        help_text=_("Offered, and the child declined for now: in force, not overdue.")
    )
    declined_on = serializers.DateField(allow_null=True)
    provisions = serializers.SerializerMethodField(
        help_text=_("How many provision records there are for this right (the latest counts).")
    )

    def get_provisions(self, right: RightStatus) -> int:
        return right.provision.records if right.provision else 0

    def get_title(self, right: RightStatus) -> str:
        return str(RIGHT_TITLES[right.code])


class FactsSerializer(serializers.Serializer[Any]):
    treated_as_child = serializers.BooleanField()
    child_by_presumption = serializers.BooleanField()
    unaccompanied = serializers.ChoiceField(choices=UNACCOMPANIED_VALUES)
    protection_status = serializers.CharField()
    presumed_since = serializers.DateTimeField(allow_null=True)
    identified_since = serializers.DateTimeField(allow_null=True)


class GuardianSerializer(serializers.ModelSerializer[Guardian]):
    class Meta:
        model = Guardian
        fields = [
            "requested_at",
            "appointed_at",
            "guardian_name",
            "guardian_organisation",
            "contact_phone",
            "contact_email",
        ]
        read_only_fields = fields


class CaseRightsSerializer(serializers.Serializer[CaseRights]):
    profile = serializers.CharField(source="profile.code")
    facts = serializers.SerializerMethodField()
    rights = RightSerializer(many=True)
    guardian = GuardianSerializer(allow_null=True)

    @extend_schema_field(FactsSerializer)
    def get_facts(self, value: CaseRights) -> dict[str, Any]:
        facts = value.facts
        return FactsSerializer(
            {
                "treated_as_child": facts.treated_as_child,
                "child_by_presumption": facts.child_by_presumption,
                "unaccompanied": facts.unaccompanied,
                "protection_status": value.protection.status,
                "presumed_since": facts.presumed_since,
                "identified_since": facts.identified_since,
            }
        ).data


class DeliverySerializer(serializers.ModelSerializer[InformationDelivery]):
    rights = serializers.ListField(child=serializers.ChoiceField(choices=RIGHT_CODES))
    formats = serializers.ListField(child=serializers.ChoiceField(choices=Format.choices))
    delivered_by = serializers.CharField(
        source="delivered_by.username", allow_null=True, default=None
    )
    organisation = serializers.CharField(source="organisation.name")

    class Meta:
        model = InformationDelivery
        fields = [
            "id",
            "rights",
            "all_in_force",
            "language",
            "formats",
            "delivered_at",
            "delivered_by",
            "organisation",
            "understood",
            "child_views",
            "recorded_at",
        ]
        read_only_fields = fields


class DeliveryCreateSerializer(serializers.Serializer[Any]):
    rights = serializers.ListField(
        child=serializers.ChoiceField(choices=RIGHT_CODES),
        max_length=len(RIGHT_CODES),
        default=list,
        help_text=_("The rights explained; leave empty with all_in_force."),
    )
    all_in_force = serializers.BooleanField(
        default=False, help_text=_("Every right in force at this moment.")
    )
    language = serializers.CharField(
        max_length=12, help_text=_("ISO 639 code of the language used, e.g. uk.")
    )
    formats = serializers.ListField(
        child=serializers.ChoiceField(choices=Format.choices), min_length=1, max_length=4
    )
    delivered_at = serializers.DateTimeField(help_text=_("When; not in the future."))
    understood = serializers.ChoiceField(
        choices=Understanding.choices, default=Understanding.UNKNOWN
    )
    child_views = serializers.CharField(
        max_length=MAX_VIEWS, allow_blank=True, default="", trim_whitespace=False
    )


class ProvisionSerializer(serializers.ModelSerializer[RightProvision]):
    # A plain string: the codes are documented once, on the path's {code}.
    right = serializers.CharField(read_only=True, help_text=_("The right's code."))
    recorded_by = serializers.CharField(
        source="recorded_by.username", allow_null=True, read_only=True
    )
    organisation = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = RightProvision
        fields = [
            "id",
            "right",
            "provided_on",
            "declined",
            "note",
            "recorded_by",
            "organisation",
            "recorded_at",
        ]
        read_only_fields = fields


class ProvisionCreateSerializer(serializers.Serializer[Any]):
    provided_on = serializers.DateField(
        help_text=_(
            "The day it was provided (or offered); not in the future, not before the "
            "case was registered."
        )
    )
    declined = serializers.BooleanField(
        default=False,
        help_text=_("Offered, but the child declined for now; the right stays in force."),
    )
    note = serializers.CharField(
        max_length=MAX_NOTE,
        allow_blank=True,
        default="",
        trim_whitespace=False,
        help_text=_("How it was provided, briefly. Only the case team can read it."),
    )

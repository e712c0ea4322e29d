"""The case team over REST: the same rules as the team page (``childpath.cases.team``)."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from childpath.accounts.models import Organisation, User
from childpath.cases import services, team
from childpath.cases.access import case_for, case_user
from childpath.cases.models import Access, Case, CaseMember


class TeamMemberSerializer(serializers.ModelSerializer[CaseMember]):
    organisation = serializers.UUIDField(source="organisation_id", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    user = serializers.IntegerField(source="user_id", read_only=True, allow_null=True)
    user_name = serializers.SerializerMethodField()
    is_lead = serializers.SerializerMethodField()
    is_coordinator = serializers.SerializerMethodField()

    class Meta:
        model = CaseMember
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "user",
            "user_name",
            "access",
            "is_lead",
            "is_coordinator",
            "added_at",
        ]

    def get_user_name(self, member: CaseMember) -> str | None:
        return member.user.display_name if member.user else None

    def get_is_lead(self, member: CaseMember) -> bool:
        case: Case = self.context["case"]
        return member.user_id is None and member.organisation_id == case.lead_organisation_id

    def get_is_coordinator(self, member: CaseMember) -> bool:
        case: Case = self.context["case"]
        return member.user_id is not None and member.user_id == case.coordinator_id


class TeamAddSerializer(serializers.Serializer[Any]):
    organisation = serializers.UUIDField()
    user = serializers.IntegerField(required=False, allow_null=True, default=None)
    access = serializers.ChoiceField(choices=Access.choices)


class LeadTransferSerializer(serializers.Serializer[Any]):
    organisation = serializers.UUIDField()
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


def _members(case: Case) -> "QuerySet[CaseMember]":
    return case.members.select_related("organisation", "user").order_by("organisation__name", "id")


def _organisation(pk: Any) -> Organisation:
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None:
        raise serializers.ValidationError({"organisation": [_("No organisation has this id.")]})
    return organisation


@extend_schema(methods=["GET"], responses={200: TeamMemberSerializer(many=True)})
@extend_schema(methods=["POST"], request=TeamAddSerializer, responses={201: TeamMemberSerializer})
@api_view(["GET", "POST"])
def case_team(request: Request, reference: str) -> Response:
    """The case team; POST adds a person or a whole organisation, or changes its access
    (the coordinator and the lead agency's caseworkers only)."""
    access = case_for(case_user(request), reference)
    case = access.case
    if request.method == "POST":
        access.require_team()
        payload = TeamAddSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        organisation = _organisation(data["organisation"])
        person = None
        if data["user"] is not None:
            person = User.objects.filter(pk=data["user"]).first()
            if person is None:
                raise serializers.ValidationError({"user": [_("No person has this id.")]})
        member = team.add_team_member(
            actor=access.user,
            case=case,
            organisation=organisation,
            user=person,
            access=data["access"],
        )
        member = _members(case).get(pk=member.pk)
        case.refresh_from_db()
        body = TeamMemberSerializer(member, context={"case": case}).data
        return Response(body, status=status.HTTP_201_CREATED)
    services.record_read(actor=access.user, case=case, fields=["team"])
    return Response(TeamMemberSerializer(_members(case), many=True, context={"case": case}).data)


@extend_schema(responses={204: None})
@api_view(["DELETE"])
def case_team_member(request: Request, reference: str, member_id: int) -> Response:
    """Take a member off the team: never the lead agency, the coordinator, or the last one
    who can act."""
    access = case_for(case_user(request), reference)
    access.require_team()
    member = get_object_or_404(CaseMember, case=access.case, pk=member_id)
    team.remove_team_member(actor=access.user, case=access.case, member=member)
    return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(request=LeadTransferSerializer, responses={200: TeamMemberSerializer(many=True)})
@api_view(["POST"])
def case_lead(request: Request, reference: str) -> Response:
    """Hand the lead to another agency: an explicit, audited transfer."""
    access = case_for(case_user(request), reference)
    if not team.may_transfer_lead(access.user, access.case):
        access.require_team()
    payload = LeadTransferSerializer(data=request.data)
    payload.is_valid(raise_exception=True)
    case = team.transfer_lead(
        actor=access.user,
        case=access.case,
        organisation=_organisation(payload.validated_data["organisation"]),
        reason=payload.validated_data["reason"],
    )
    return Response(TeamMemberSerializer(_members(case), many=True, context={"case": case}).data)

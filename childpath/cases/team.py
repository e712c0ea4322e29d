"""The case team: who may change it, and the rules no change may break (DESIGN.md 7).

- Only the coordinator and the caseworkers and coordinators of the lead agency change the
  team (``require_team``). While a case has no lead agency, whoever may edit it may hand it
  to one (a frontline worker refers the child to the lead agency).
- Whole organisations come only from the sectors the jurisdiction profile says work on cases
  (and national focal points); people only from the organisation chosen, with a role that sees
  cases.
- The lead agency is never removed or made read-only, only replaced by ``transfer_lead``.
- No change leaves the case without someone who can act on it.
- A service provider joins by accepting a referral (``join_by_referral``) and leaves when the
  referral ends (``end_referral_access``); the timeline says so, with the referral.

Every change writes its timeline entry (who, what access, by whom) and audit event through
``record_change``.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from childpath.accounts.models import Organisation, Role, User
from childpath.cases.access import may_edit, may_manage_team
from childpath.cases.changes import record_change
from childpath.cases.models import ORGANISATION_WIDE_ROLES, Access, Case, CaseMember
from childpath.jurisdiction.active import current_profile

COORDINATOR_ROLES = frozenset({Role.COORDINATOR, Role.CASEWORKER})


def require_team(actor: User, case: Case) -> None:
    """403 for anyone but the coordinator and the lead agency's caseworkers."""
    if not may_manage_team(actor, case):
        raise PermissionDenied


def may_transfer_lead(actor: User, case: Case) -> bool:
    """The team's managers hand the lead on; a case without a lead agency may be handed to
    one by whoever may edit it (the frontline worker who raised the concern)."""
    if may_manage_team(actor, case):
        return True
    return case.lead_organisation_id is None and may_edit(actor, case)


def eligible_organisations() -> "Q":
    """Organisations that may be put on a case team (the profile's sectors, focal points)."""
    sectors = current_profile().case_team.sectors
    return Q(sector__in=sorted(sectors)) | Q(is_focal_point=True)


def lead_organisations() -> "Q":
    return Q(sector__in=sorted(current_profile().case_team.lead_sectors))


def eligible_people(organisation: Organisation) -> "Q":
    """The people of the chosen organisation who may be on a case team."""
    return Q(organisation=organisation, is_active=True) & ~Q(
        role__in=[Role.ANALYST, Role.ADMINISTRATOR, Role.AUDITOR, ""]
    )


def _check_member(organisation: Organisation, user: User | None, access: str) -> None:
    errors: dict[str, list[str]] = {}
    if not Organisation.objects.filter(eligible_organisations(), pk=organisation.pk).exists():
        errors["organisation"] = [_("Organisations of this kind do not work on cases.")]
    if user is not None and user.organisation_id != organisation.pk:
        errors["user"] = [_("This person does not work for that organisation.")]
    elif user is not None and not User.objects.filter(eligible_people(organisation), pk=user.pk):
        errors["user"] = [_("This person cannot be on a case team.")]
    if access not in Access.values:
        errors["access"] = [_("Choose one of the options.")]
    if errors:
        raise ValidationError(errors)


def _member_data(member: CaseMember) -> dict[str, object]:
    return {
        "member_id": member.pk,
        "organisation_id": str(member.organisation_id),
        "user_id": member.user_id,
        "access": member.access,
    }


def someone_can_act(case: Case) -> bool:
    """Whether an active person may still edit the case (DESIGN.md 7: never left without)."""
    if case.coordinator_id is not None and case.coordinator and case.coordinator.is_active:
        return True
    editors = CaseMember.objects.filter(case=case, access=Access.EDIT)
    people = User.objects.filter(is_active=True).exclude(
        role__in=[Role.ANALYST, Role.ADMINISTRATOR, Role.AUDITOR, ""]
    )
    in_person = people.filter(pk__in=editors.filter(user__isnull=False).values("user_id"))
    whole = editors.filter(user__isnull=True).values("organisation_id")
    organisation_wide = people.filter(
        organisation_id__in=whole, role__in=sorted(ORGANISATION_WIDE_ROLES)
    )
    return in_person.exists() or organisation_wide.exists()


def _refuse_if_nobody_left(case: Case) -> None:
    if not someone_can_act(case):
        raise ValidationError(
            {
                "__all__": [
                    _(
                        "This would leave nobody who can act on the case. Add someone with "
                        "edit access first."
                    )
                ]
            }
        )


def _is_lead_row(case: Case, member: CaseMember) -> bool:
    return member.user_id is None and member.organisation_id == case.lead_organisation_id


def add_team_member(
    *, actor: User, case: Case, organisation: Organisation, user: User | None, access: str
) -> CaseMember:
    """Put a person, or a whole organisation, on the case team, or change their access."""
    require_team(actor, case)
    _check_member(organisation, user, access)
    with transaction.atomic():
        case = (
            Case.objects.select_for_update(of=("self",))
            .select_related("coordinator")
            .get(pk=case.pk)
        )
        existing = CaseMember.objects.filter(case=case, organisation=organisation, user=user)
        member = existing.first()
        if member is not None and _is_lead_row(case, member) and access != Access.EDIT:
            raise ValidationError(
                {"access": [_("The lead agency keeps edit access. Transfer the lead instead.")]}
            )
        if member is not None and member.access == access:
            return member
        before = member.access if member is not None else None
        if member is None:
            member = CaseMember.objects.create(
                case=case, organisation=organisation, user=user, access=access
            )
        else:
            member.access = access
            member.save(update_fields=["access"])
        _refuse_if_nobody_left(case)
        record_change(
            actor=actor,
            case=case,
            kind="team.added" if before is None else "team.access_changed",
            data=_member_data(member) | ({"before": before} if before else {}),
            action="case.team.add" if before is None else "case.team.access",
            fields=["team"],
        )
    return member


def remove_team_member(*, actor: User, case: Case, member: CaseMember) -> None:
    """Take a member off the team; never the lead agency, the coordinator or the last one
    who can act."""
    require_team(actor, case)
    with transaction.atomic():
        case = (
            Case.objects.select_for_update(of=("self",))
            .select_related("coordinator")
            .get(pk=case.pk)
        )
        _remove(actor=actor, case=case, member=member, kind="team.removed", extra={})


def _remove(
    *, actor: User | None, case: Case, member: CaseMember, kind: str, extra: dict[str, str]
) -> None:
    if member.case_id != case.pk:
        raise PermissionDenied
    if _is_lead_row(case, member):
        raise ValidationError(
            {"__all__": [_("The lead agency cannot be removed. Transfer the lead instead.")]}
        )
    if member.user_id is not None and member.user_id == case.coordinator_id:
        raise ValidationError(
            {"__all__": [_("The coordinator cannot be removed. Name another coordinator first.")]}
        )
    data = _member_data(member) | extra
    could_edit = member.access == Access.EDIT
    member.delete()
    if could_edit:
        _refuse_if_nobody_left(case)
    record_change(
        actor=actor,
        case=case,
        kind=kind,
        data=data,
        action="case.team.remove",
        fields=["team"],
    )


def set_coordinator(*, actor: User, case: Case, coordinator: User) -> Case:
    """Name the lead professional, who joins the team with edit access."""
    require_team(actor, case)
    if not coordinator.is_active or coordinator.role not in COORDINATOR_ROLES:
        raise ValidationError(
            {"coordinator": [_("The coordinator must be an active caseworker or coordinator.")]}
        )
    assert coordinator.organisation is not None
    on_team = CaseMember.objects.filter(case=case, organisation=coordinator.organisation_id)
    if not on_team.exists():
        raise ValidationError(
            {"coordinator": [_("The coordinator must work for an organisation on the team.")]}
        )
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        before = case.coordinator_id
        case.coordinator = coordinator
        case.save(update_fields=["coordinator", "updated_at"])
        CaseMember.objects.update_or_create(
            case=case,
            organisation=coordinator.organisation,
            user=coordinator,
            defaults={"access": Access.EDIT},
        )
        record_change(
            actor=actor,
            case=case,
            kind="coordinator.assigned",
            data={"user_id": coordinator.pk, "before": before},
            action="case.coordinator",
            fields=["coordinator"],
        )
    return case


def transfer_lead(*, actor: User, case: Case, organisation: Organisation, reason: str = "") -> Case:
    """Hand the lead to another agency: an explicit, audited transfer (DESIGN.md 7).

    The new lead agency joins as a whole organisation with edit access; the one it replaces
    stays on the team as an ordinary member, which the new lead may then remove.
    """
    if not may_transfer_lead(actor, case):
        raise PermissionDenied
    if not Organisation.objects.filter(lead_organisations(), pk=organisation.pk).exists():
        raise ValidationError(
            {"organisation": [_("Organisations of this kind cannot lead a case.")]}
        )
    if organisation.pk == case.lead_organisation_id:
        raise ValidationError({"organisation": [_("This organisation already leads the case.")]})
    if len(reason) > 500:
        raise ValidationError({"reason": [_("At most %(limit)d characters.") % {"limit": 500}]})
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        before = case.lead_organisation_id
        CaseMember.objects.update_or_create(
            case=case, organisation=organisation, user=None, defaults={"access": Access.EDIT}
        )
        case.lead_organisation = organisation
        case.save(update_fields=["lead_organisation", "updated_at"])
        record_change(
            actor=actor,
            case=case,
            kind="lead.transferred",
            data={
                "organisation_id": str(organisation.pk),
                "before": str(before) if before else None,
            },
            action="case.lead.transfer",
            # The reason is free text: kept out of the timeline and the audit (field name only).
            fields=["lead_organisation", *(["reason"] if reason.strip() else [])],
        )
    return case


def join_by_referral(
    *, receiver: User, case: Case, referral_id: str, service: str
) -> CaseMember | None:
    """The person who accepts a referral joins the team with view access, by that act.

    The sender's referral is the authority: the timeline says "joined by accepting referral
    N", with the receiver as the actor (not whoever sent it). Must run inside the referral's
    transaction.
    """
    if Case.objects.visible_to(receiver, per_row=True).filter(pk=case.pk).exists():
        return None
    assert receiver.organisation is not None
    member = CaseMember.objects.create(
        case=case, organisation=receiver.organisation, user=receiver, access=Access.VIEW
    )
    record_change(
        actor=receiver,
        case=case,
        kind="team.joined_by_referral",
        data=_member_data(member) | {"referral_id": referral_id, "service": service},
        action="case.team.add",
        fields=["team"],
        purpose=f"referral {referral_id}",
    )
    return member


def end_referral_access(
    *, actor: User | None, case: Case, member: CaseMember, referral_id: str, service: str
) -> None:
    """The access a referral gave ends with it (completed, declined, withdrawn)."""
    if member.user_id is not None and member.user_id == case.coordinator_id:
        return
    _remove(
        actor=actor,
        case=case,
        member=member,
        kind="team.left_with_referral",
        extra={"referral_id": referral_id, "service": service},
    )

"""Every change to a referral: one transaction, its audit event and timeline entry inside,
e-mail only on commit (DESIGN.md 6.2, 6.4)."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from childpath.accounts.models import Organisation, User
from childpath.audit.services import record
from childpath.cases import services as case_services
from childpath.cases import team as case_team
from childpath.cases.changes import record_change
from childpath.cases.models import Case, CaseMember
from childpath.directory.models import ServiceAtLocation, ServiceStatus
from childpath.jurisdiction.active import current_profile
from childpath.referrals import access, lifecycle, notifications, sharing
from childpath.referrals.models import NotificationKind, Referral, ReferralChange, Urgency

MAX_REASON = 2000
MAX_NOTE = 2000


@dataclass(frozen=True)
class ReferralData:
    """What the sender fills in; validated by ``check_referral``."""

    need: str
    reason: str
    urgency: str
    shared_items: list[str]
    note: str = ""


def check_referral(data: ReferralData) -> dict[str, list[str]]:
    """Field errors, translated; empty when the referral may be sent."""
    errors: dict[str, list[str]] = {}
    if not data.reason.strip():
        errors["reason"] = [_("Say what the child needs from this service.")]
    elif len(data.reason) > MAX_REASON:
        errors["reason"] = [_("At most %(limit)d characters.") % {"limit": MAX_REASON}]
    if len(data.note) > MAX_NOTE:
        errors["note"] = [_("At most %(limit)d characters.") % {"limit": MAX_NOTE}]
    if data.urgency not in Urgency.values:
        errors["urgency"] = [_("Choose one of the options.")]
    if unknown := sharing.unknown_items(data.shared_items):
        errors["shared_items"] = [_("Unknown item: %(items)s.") % {"items": ", ".join(unknown)}]
    if len(data.need) > 200:
        errors["need"] = [_("Choose one of the options.")]
    return errors


def _receiver_of(place: ServiceAtLocation) -> Organisation:
    organisation = place.service.organization.organisation
    if organisation is None:
        raise ValidationError(
            {
                "service_at_location": [
                    _(
                        "This service does not receive referrals through Childpath. "
                        "Contact it directly, or choose another service."
                    )
                ]
            }
        )
    if place.service.status != ServiceStatus.ACTIVE:
        raise ValidationError(
            {"service_at_location": [_("This service is not taking referrals at the moment.")]}
        )
    return organisation


def _child_facts(case: Case, data: ReferralData, lead: User) -> sharing.ChildFacts:
    identity = case.identity
    age = case.age(date_of_birth=identity.birth_date)
    return sharing.ChildFacts(
        given_names=identity.given_names,
        aliases=list(identity.aliases or []),
        age_years=age.years,
        treated_as_child=age.treated_as_child,
        age_disputed=age.disputed,
        sex=case.sex,
        languages=list(case.languages),
        unaccompanied=case.unaccompanied,
        need=data.need,
        reason=data.reason.strip(),
        lead_name=lead.display_name,
        lead_organisation=str(lead.organisation or ""),
        lead_email=lead.contact_email,
        lead_phone=lead.work_phone,
    )


def _event_data(referral: Referral, **data: object) -> dict[str, object]:
    return {
        "referral_id": str(referral.pk),
        "service": referral.service_at_location.service.name,
        **data,
    }


def send_referral(
    *, actor: User, case: Case, service_at_location: ServiceAtLocation, data: ReferralData
) -> Referral:
    """Refer the child to a service at a location; the deadlines start now.

    Only what the sender ticked is copied for the receiver (DESIGN.md rule 8).
    """
    case_services.require_edit(actor, case)
    if actor.organisation is None:
        raise PermissionDenied
    if errors := check_referral(data):
        raise ValidationError(errors)
    receiver = _receiver_of(service_at_location)
    limits = current_profile().referrals[data.urgency]
    sent_at = timezone.now()
    local = timezone.localtime(sent_at)
    acknowledge_by, respond_by = lifecycle.deadlines(
        sent_at, limits.acknowledge.after(local), limits.respond.after(local)
    )
    lead = case.coordinator or actor
    items = sharing.ordered(data.shared_items)
    with transaction.atomic():
        referral = Referral.objects.create(
            case=case,
            service_at_location=service_at_location,
            to_organisation=receiver,
            need=data.need,
            reason=data.reason.strip(),
            urgency=data.urgency,
            shared_items=items,
            shared=sharing.snapshot(items, _child_facts(case, data, lead)),
            note=data.note.strip(),
            status=lifecycle.SENT,
            status_changed_at=sent_at,
            sent_at=sent_at,
            sent_by=actor,
            from_organisation=actor.organisation,
            acknowledge_by=acknowledge_by,
            respond_by=respond_by,
            due_at=lifecycle.watched_deadline(lifecycle.SENT, acknowledge_by, respond_by),
        )
        ReferralChange.objects.create(
            referral=referral,
            at=sent_at,
            status=lifecycle.SENT,
            actor=actor,
            organisation=actor.organisation,
        )
        record_change(
            actor=actor,
            case=case,
            kind="referral.sent",
            data=_event_data(referral, urgency=data.urgency),
            action="referral.create",
            fields=["referral", *(f"shared.{item}" for item in items)],
        )
        # The receiving service hears of it on screen and, after commit, by e-mail.
        notifications.notify_received(referral)
    return referral


def _grant_case_access(referral: Referral, receiver: User) -> CaseMember | None:
    """The accepting person joins the case team with view access, by accepting.

    View, not edit: the service needs to know the child to help, while the child's record
    stays with the case team that leads (need to know, DESIGN.md rule 8); the service reports
    progress through the referral. The referral the sender sent is the authority, and the
    timeline says so ("joined by accepting referral N").
    """
    return case_team.join_by_referral(
        receiver=receiver,
        case=referral.case,
        referral_id=str(referral.pk),
        service=referral.service_at_location.service.name,
    )


def _transition_error(code: str) -> ValidationError:
    if code == "reason_required":
        return ValidationError({"reason": [_("Say why the service cannot take the referral.")]})
    if code == "not_allowed":
        message = _("The referral cannot move to this status from its current one.")
        return ValidationError({"status": [message]})
    return ValidationError({"status": [_("Choose one of the options.")]})


def change_status(*, actor: User, referral: Referral, status: str, reason: str = "") -> Referral:
    """Move a referral on. The sender side withdraws or marks no response; the receiver side
    acknowledges, accepts, declines (with a reason), marks support active and completed."""
    sides = access.sides(actor, referral)
    if not sides:
        raise PermissionDenied
    try:
        lifecycle.check(
            referral.status, status, side=_side_for(referral.status, status, sides), reason=reason
        )
    except lifecycle.TransitionError as error:
        if error.code == "wrong_side":
            raise PermissionDenied from error
        raise _transition_error(error.code) from error
    if len(reason) > MAX_REASON:
        raise ValidationError(
            {"reason": [_("At most %(limit)d characters.") % {"limit": MAX_REASON}]}
        )
    now = timezone.now()
    previous = referral.status
    with transaction.atomic():
        changes: dict[str, object] = {
            "status": status,
            "status_changed_at": now,
            "due_at": lifecycle.watched_deadline(
                status, referral.acknowledge_by, referral.respond_by
            ),
        }
        if status == lifecycle.DECLINED:
            changes["decline_reason"] = reason.strip()
        if status in lifecycle.CLOSED_TO_RECEIVER:
            # The receiver's copy goes: it sees nothing of the case any more (rule 8).
            changes["shared"] = None
        # Compare-and-set: a change made meanwhile by the other side wins, this one fails.
        updated = Referral.objects.filter(pk=referral.pk, status=previous).update(**changes)
        if updated != 1:
            raise ValidationError(
                {"status": [_("The referral has changed meanwhile. Reload and try again.")]}
            )
        referral.refresh_from_db()
        if status == lifecycle.ACCEPTED:
            referral.granted_member = _grant_case_access(referral, actor)
            referral.save(update_fields=["granted_member"])
        elif status in lifecycle.ENDS_ACCESS and referral.granted_member is not None:
            # Completed, declined or withdrawn: the access the referral gave ends with it
            # (DESIGN.md rule 8); the service keeps its own summary of the referral.
            case_team.end_referral_access(
                actor=actor,
                case=referral.case,
                member=referral.granted_member,
                referral_id=str(referral.pk),
                service=referral.service_at_location.service.name,
            )
        ReferralChange.objects.create(
            referral=referral,
            at=now,
            status=status,
            actor=actor,
            organisation=actor.organisation,
            reason=reason.strip(),
        )
        record_change(
            actor=actor,
            case=referral.case,
            kind="referral.status",
            data=_event_data(referral, status=status),
            action=f"referral.{status}",
            fields=["status", "reason"] if reason.strip() else ["status"],
        )
        if status in ANSWERS:
            notifications.notify_answer(referral, ANSWERS[status])
    return referral


# The receiver's answers the coordinator and the sender hear of (DESIGN.md section 3).
ANSWERS = {
    lifecycle.ACCEPTED: NotificationKind.ACCEPTED,
    lifecycle.DECLINED: NotificationKind.DECLINED,
}


def may_settle(referral: Referral) -> bool:
    """A declined or unanswered referral without a decision yet."""
    return referral.status in lifecycle.UNANSWERED and referral.settled_at is None


def settle_referral(*, actor: User, referral: Referral, reason: str) -> Referral:
    """Record the case team's decision that a declined or unanswered referral needs no other
    referral (the child's need is met otherwise, or no longer there). Until such a decision,
    or another referral for the same need, the child stays on "Children without a pathway"
    (DESIGN.md rule 9). The sender side decides: whoever may edit the case."""
    if not access.may_send(actor, referral):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Say what was decided, and why.")]})
    if len(reason) > MAX_REASON:
        raise ValidationError(
            {"reason": [_("At most %(limit)d characters.") % {"limit": MAX_REASON}]}
        )
    if not may_settle(referral):
        raise ValidationError(
            {"status": [_("A decision is recorded only for a declined or unanswered referral.")]}
        )
    now = timezone.now()
    with transaction.atomic():
        # Compare-and-set: one decision per referral, even if two people record one at once.
        updated = Referral.objects.filter(
            pk=referral.pk, status=referral.status, settled_at__isnull=True
        ).update(settled_at=now, settled_by=actor, settled_reason=reason)
        if updated != 1:
            raise ValidationError(
                {"status": [_("The referral has changed meanwhile. Reload and try again.")]}
            )
        record_change(
            actor=actor,
            case=referral.case,
            kind="referral.settled",
            data=_event_data(referral),
            action="referral.settle",
            fields=["settled_reason"],
        )
    referral.refresh_from_db()
    return referral


def _side_for(current: str, new: str, sides: frozenset[str]) -> str:
    """The side the actor acts for: the one the change needs, if the actor has it."""
    needed = lifecycle.side_for(current, new)
    if needed is not None and needed in sides:
        return needed
    return next(iter(sorted(sides)), "")


def record_reads(*, actor: User, referrals: Iterable[Referral]) -> None:
    """Reading a referral is a read of what it says about the child (DESIGN.md 6.4): one audit
    event per referral shown, naming its case reference (the receiver never sees it)."""
    with transaction.atomic():
        for referral in referrals:
            record(
                actor=actor,
                action="referral.read",
                case_reference=referral.case.reference,
                fields=["referral", *(f"shared.{item}" for item in referral.shared_items)],
                purpose=f"referral {referral.pk}",
            )


def record_decline_reason_reads(*, actor: User, referrals: Iterable[Referral]) -> None:
    """The notifications page shows why a service declined: a read of the referral's reason,
    audited like any read of a case (DESIGN.md 6.4)."""
    shown = list(referrals)
    if not shown:
        return
    with transaction.atomic():
        for referral in shown:
            record(
                actor=actor,
                action="referral.read",
                case_reference=referral.case.reference,
                fields=["decline_reason"],
                purpose=f"referral {referral.pk}",
            )


def mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all of them when ``ids`` is None)."""
    return notifications.mark_read(user=user, ids=ids)

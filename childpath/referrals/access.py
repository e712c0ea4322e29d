"""Who may see and act on a referral: the sender side (the case team) and the receiver side
(users of the organisation the referral was sent to). One condition a line (STYLE.md 1)."""

from uuid import UUID

from django.db.models import Q
from django.http import Http404

from childpath.accounts.models import User
from childpath.cases.models import Case
from childpath.referrals import lifecycle
from childpath.referrals.models import Referral


def is_receiver(user: User, referral: Referral) -> bool:
    """A user of the receiving organisation (analysts and administrators never are)."""
    return user.may_see_cases and user.organisation_id == referral.to_organisation_id


def may_see_case(user: User, referral: Referral) -> bool:
    return Case.objects.visible_to(user, per_row=True).filter(pk=referral.case_id).exists()


def may_send(user: User, referral: Referral) -> bool:
    """The sender side acts for the case: whoever may edit it."""
    return Case.objects.editable_by(user, per_row=True).filter(pk=referral.case_id).exists()


def sides(user: User, referral: Referral) -> frozenset[str]:
    """The sides this user may act for on this referral."""
    found = set()
    if may_send(user, referral):
        found.add(lifecycle.SENDER)
    if is_receiver(user, referral):
        found.add(lifecycle.RECEIVER)
    return frozenset(found)


def sides_as_receiver(user: User, referral: Referral) -> frozenset[str]:
    """The receiver side only, without a query (the inbox)."""
    return frozenset({lifecycle.RECEIVER}) if is_receiver(user, referral) else frozenset()


def sides_on_case(user: User, referral: Referral, *, may_edit: bool) -> frozenset[str]:
    """Both sides, when the caller already knows whether the user may edit the case."""
    found = {lifecycle.SENDER} if may_edit else set()
    return frozenset(found) | sides_as_receiver(user, referral)


def receiver_sees_shared(referral: Referral) -> bool:
    """Until it accepts the receiver sees what the referral shares; after a decline (or a
    withdrawal, or no answer) nothing of the case (DESIGN.md rule 8)."""
    return referral.status not in lifecycle.CLOSED_TO_RECEIVER


def referrals_for(user: User) -> "Q":
    """The referrals a user may read: those of the cases they see, and those sent to them."""
    rule = Q(case__in=Case.objects.visible_to(user).values("pk"))
    if user.may_see_cases and user.organisation_id is not None:
        rule |= Q(to_organisation_id=user.organisation_id)
    return rule


def get_referral_for_user(user: User, referral_id: UUID | str) -> Referral:
    """The referral, if the user is on either side; otherwise 404, like "no such referral"."""
    if not user.may_see_cases:
        raise Http404
    referral = (
        Referral.objects.select_related(
            "case__coordinator",
            "service_at_location__service__organization",
            "service_at_location__location",
            "to_organisation",
            "from_organisation",
            "sent_by",
        )
        .filter(pk=referral_id)
        .first()
    )
    if referral is None:
        raise Http404
    if not (is_receiver(user, referral) or may_see_case(user, referral)):
        raise Http404
    return referral

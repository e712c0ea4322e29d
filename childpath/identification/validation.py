"""What a formal decision or review carries, and its checks, shared by the pages and the API
so both give the same translated errors. Each check returns ``{field: [message, ...]}``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from childpath.identification.models import FORMAL_STATUSES
from childpath.jurisdiction.profile import Identification

MAX_REASONS = 10000
MAX_NAME = 200
MAX_MEMBERS = 20
# Older decisions are not plausible for a child's case; the bound also keeps dates within
# what every database and time zone can hold.
MAX_YEARS_BACK = 30

ORGANISATION = "organisation"
PANEL = "panel"

Errors = dict[str, list[str]]


@dataclass(frozen=True)
class MemberData:
    """One panel member: an existing organisation, and a user of it or a person's name."""

    organisation_id: str
    user_id: int | None = None
    name: str = ""


@dataclass(frozen=True)
class DecisionData:
    """A formal identification decision, or a review of the one in force (``reviews``)."""

    decided_by: str  # "organisation" (the recorder's) or "panel"
    status: str
    path: str
    decided_on: date
    reasons: str
    members: tuple[MemberData, ...] = ()
    reviews: int | None = None
    review_reason: str = ""


def _add(errors: Errors, name: str, message: str) -> None:
    errors.setdefault(name, []).append(message)


def check_decision(data: DecisionData, identification: Identification) -> Errors:
    """Checks that need no database; organisations and members are checked by the service."""
    errors: Errors = {}
    today = timezone.localdate()
    if data.decided_by not in (ORGANISATION, PANEL):
        _add(errors, "decided_by", _("Choose one of the options."))
    if data.status not in FORMAL_STATUSES:
        _add(errors, "status", _("Choose one of the options."))
    if data.path not in identification.paths:
        _add(errors, "path", _("The jurisdiction's profile does not have this path."))
    if data.decided_on > today:
        _add(errors, "decided_on", _("The date cannot be in the future."))
    elif data.decided_on < today - timedelta(days=365 * MAX_YEARS_BACK):
        _add(
            errors,
            "decided_on",
            _("The date is more than %(years)d years ago.") % {"years": MAX_YEARS_BACK},
        )
    if not data.reasons.strip():
        _add(errors, "reasons", _("Give the reasons for the decision."))
    elif len(data.reasons) > MAX_REASONS:
        _add(errors, "reasons", _("At most %(limit)d characters.") % {"limit": MAX_REASONS})
    if data.reviews is not None:
        if not data.review_reason.strip():
            _add(errors, "review_reason", _("Say why the decision is reviewed."))
        elif len(data.review_reason) > MAX_REASONS:
            _add(
                errors,
                "review_reason",
                _("At most %(limit)d characters.") % {"limit": MAX_REASONS},
            )
    if data.decided_by == PANEL:
        if len(data.members) > MAX_MEMBERS:
            _add(errors, "members", _("At most %(limit)d members.") % {"limit": MAX_MEMBERS})
        for number, member in enumerate(data.members, start=1):
            if member.user_id is None and not member.name.strip():
                _add(errors, "members", _("Member %(n)d: give the person's name.") % {"n": number})
            if len(member.name) > MAX_NAME:
                _add(
                    errors,
                    "members",
                    _("Member %(n)d: at most %(limit)d characters.")
                    % {"n": number, "limit": MAX_NAME},
                )
    return errors

"""Referral sentences on the case timeline, translated at display time."""

from typing import Any

from django.utils.translation import gettext as _

from childpath.cases.timeline import Names, renders
from childpath.referrals.models import Deadline, Status, Urgency


@renders("referral.sent")
def _sent(data: dict[str, Any], names: Names) -> str:
    return _("Referred to %(service)s (%(urgency)s).") % {
        "service": data.get("service", "?"),
        "urgency": Urgency(data["urgency"]).label,
    }


@renders("referral.status")
def _status(data: dict[str, Any], names: Names) -> str:
    return _("Referral to %(service)s: %(status)s.") % {
        "service": data.get("service", "?"),
        "status": Status(data["status"]).label,
    }


@renders("referral.overdue")
def _overdue(data: dict[str, Any], names: Names) -> str:
    if data.get("deadline") == Deadline.ACKNOWLEDGE:
        return _("Referral to %(service)s is overdue: no acknowledgement in time.") % {
            "service": data.get("service", "?")
        }
    return _("Referral to %(service)s is overdue: no answer in time.") % {
        "service": data.get("service", "?")
    }


@renders("referral.settled")
def _settled(data: dict[str, Any], names: Names) -> str:
    return _(
        "Referral to %(service)s: the case team recorded that no other referral is needed."
    ) % {"service": data.get("service", "?")}

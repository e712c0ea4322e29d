"""Cross-border sentences on the case timeline, translated at display time. The data hold the
referral id, the country and codes only (never names or free text)."""

from typing import Any

from django.utils.translation import gettext as _

from childpath.cases.timeline import Names, renders
from childpath.exchange.models import Status, Topic
from childpath.lib import geo


def _country(data: dict[str, Any]) -> str:
    code = str(data.get("country", ""))
    return geo.country_name(code) if code else "?"


@renders("crossborder.requested")
def _requested(data: dict[str, Any], names: Names) -> str:
    return _("Asked the national focal point to refer the child to %(country)s.") % {
        "country": _country(data)
    }


@renders("crossborder.status")
def _status(data: dict[str, Any], names: Names) -> str:
    return _("Cross-border referral (%(country)s): %(status)s.") % {
        "country": _country(data),
        "status": Status(data["status"]).label,
    }


@renders("crossborder.opened")
def _opened(data: dict[str, Any], names: Names) -> str:
    return _("Case opened for a child referred from %(country)s (their reference %(ref)s).") % {
        "country": _country(data),
        "ref": data.get("remote", "?"),
    }


@renders("crossborder.transferred")
def _transferred(data: dict[str, Any], names: Names) -> str:
    return _("Case closed: transferred to %(country)s (their reference %(ref)s).") % {
        "country": _country(data),
        "ref": data.get("remote") or "?",
    }


@renders("crossborder.update")
def _update(data: dict[str, Any], names: Names) -> str:
    return _("Status update received from %(country)s.") % {"country": _country(data)}


@renders("crossborder.info_requested")
def _info_requested(data: dict[str, Any], names: Names) -> str:
    topic = Topic(data["topic"]).label
    if data.get("asked_here"):
        return _("Information requested abroad: %(topic)s.") % {"topic": topic}
    return _("Information requested from abroad: %(topic)s.") % {"topic": topic}


@renders("crossborder.info_answered")
def _info_answered(data: dict[str, Any], names: Names) -> str:
    topic = Topic(data["topic"]).label
    if data.get("asked_here"):
        return _("Answer received from abroad: %(topic)s.") % {"topic": topic}
    return _("Answer sent abroad: %(topic)s.") % {"topic": topic}

"""Rights sentences on the case timeline."""

from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from childpath.cases.timeline import Names, renders
from childpath.jurisdiction.labels import RIGHT_TITLES
from childpath.lib import geo
from childpath.rights.models import Format, Understanding


def _formats(codes: list[str]) -> str:
    return ", ".join(str(Format(code).label) for code in codes if code in Format.values)


@renders("rights.informed")
def _informed(data: dict[str, Any], names: Names) -> str:
    values = {
        "language": geo.language_name(data.get("language", "")),
        "formats": _formats(data.get("formats", [])),
        "understood": Understanding(data.get("understood", "unknown")).label,
    }
    if data.get("all_in_force"):
        return (
            _(
                "The child was informed of every right in force, in %(language)s (%(formats)s). "
                "Understood: %(understood)s."
            )
            % values
        )
    count = len(data.get("rights", []))
    return ngettext(
        "The child was informed of %(count)d right, in %(language)s (%(formats)s). "
        "Understood: %(understood)s.",
        "The child was informed of %(count)d rights, in %(language)s (%(formats)s). "
        "Understood: %(understood)s.",
        count,
    ) % {"count": count, **values}


@renders("guardian.requested")
def _requested(data: dict[str, Any], names: Names) -> str:
    return _("A guardian was requested.")


@renders("guardian.appointed")
def _appointed(data: dict[str, Any], names: Names) -> str:
    if data.get("replaced"):
        return _("A new guardian was appointed.")
    return _("A guardian was appointed.")


@renders("rights.provided")
def _provided(data: dict[str, Any], names: Names) -> str:
    code = data.get("right", "")
    values = {
        "right": RIGHT_TITLES.get(code, code),
        "date": date_format(date.fromisoformat(data["on"])) if data.get("on") else "?",
    }
    if data.get("declined"):
        return _("Offered to the child, who declined for now: %(right)s (%(date)s).") % values
    return _("Recorded as provided: %(right)s (%(date)s).") % values

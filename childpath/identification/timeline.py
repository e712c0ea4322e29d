"""Identification sentences on the case timeline (no reasons: those stay in the decision)."""

from typing import Any

from django.utils.translation import gettext as _

from childpath.cases.timeline import Names, renders
from childpath.identification.models import Basis, Status
from childpath.jurisdiction.labels import PATH_LABELS


def _status(data: dict[str, Any]) -> str:
    return str(Status(data["status"]).label)


def _path(data: dict[str, Any]) -> str:
    return str(PATH_LABELS.get(data.get("path") or "", ""))


@renders("identification.screening")
def _from_screening(data: dict[str, Any], names: Names) -> str:
    if data["status"] == Status.PRESUMED:
        return _("Presumed victim, from the screening: the child's rights apply from now.")
    return _("Status from the screening: %(status)s.") % {"status": _status(data)}


@renders("identification.decided")
def _decided(data: dict[str, Any], names: Names) -> str:
    values = {"status": _status(data), "path": _path(data), "who": names.who(data)}
    if data.get("basis") == Basis.PANEL:
        return _("A multi-agency panel decided: %(status)s (%(path)s).") % values
    return _("Formal decision by %(who)s: %(status)s (%(path)s).") % values


@renders("identification.reviewed")
def _reviewed(data: dict[str, Any], names: Names) -> str:
    values = {"status": _status(data), "path": _path(data), "who": names.who(data)}
    if data.get("basis") == Basis.PANEL:
        return _("A multi-agency panel reviewed the decision: %(status)s (%(path)s).") % values
    return _("Decision reviewed by %(who)s: %(status)s (%(path)s).") % values

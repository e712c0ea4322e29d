"""Screening sentences on the case timeline."""

from typing import Any

from django.utils.translation import gettext as _

from childpath.cases.timeline import Names, renders
from childpath.screening.models import Result


@renders("screening.completed")
def _completed(data: dict[str, Any], names: Names) -> str:
    result = Result(data["result"]).label
    if data.get("rule") == "child":
        return _("Screening completed under the child rule: %(result)s.") % {"result": result}
    return _("Screening completed under the adult rule: %(result)s.") % {"result": result}

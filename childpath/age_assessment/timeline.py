"""Timeline sentences for age assessments and handover plans, translated at display time."""

from typing import Any

from django.utils.translation import gettext as _

from childpath.age_assessment.models import Method, Outcome
from childpath.cases.timeline import Names, renders


def _label(choices: Any, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


@renders("age.assessed")
def _assessed(data: dict[str, Any], names: Names) -> str:
    values = {
        "method": _label(Method, data.get("method", "")),
        "outcome": _label(Outcome, data.get("outcome", "")),
        "low": data.get("minimum"),
        "high": data.get("maximum"),
    }
    if not data.get("concluded"):
        return (
            _(
                "Age assessment recorded, not concluded (%(method)s). Until it concludes, the "
                "person is treated as a child."
            )
            % values
        )
    if data.get("minimum") is None:
        return _("Age assessment concluded (%(method)s): %(outcome)s.") % values
    return (
        _(
            "Age assessment concluded (%(method)s): %(outcome)s, %(low)s to %(high)s years. "
            "The lowest age, %(low)s, is used."
        )
        % values
    )


@renders("handover.planned")
def _planned(data: dict[str, Any], names: Names) -> str:
    if data.get("agreed"):
        return _("Handover plan to adult services recorded, agreed with the young person.")
    return _("Handover plan to adult services recorded, not yet agreed with the young person.")

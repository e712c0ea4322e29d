"""The case list's filter "turning 18" (childpath.lib.slots, ``case_filter``)."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from childpath.age_assessment.rules import first_of_month
from childpath.age_assessment.selectors import notice_horizon
from childpath.cases.models import CaseQuerySet, Stage


def turning_18(cases: CaseQuerySet, value: str) -> CaseQuerySet:
    """Open cases whose 18th birthday falls from this month to the end of the profile's
    notice period (``turning_18_notice``). By the month kept in clear (TurningEighteen): the
    list is filtered in SQL, so a case turning 18 early in the last month is included."""
    today = timezone.localdate()
    return cases.exclude(stage=Stage.CLOSED).filter(
        turning_eighteen__month__gte=first_of_month(today),
        turning_eighteen__month__lte=first_of_month(notice_horizon(today)),
    )


def case_filter() -> dict[str, Any]:
    return {"label": _("Turning 18 within the notice period"), "apply": turning_18}

"""The case list's filter by screening result (childpath.lib.slots, ``case_filter``)."""

from typing import Any

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from childpath.cases.models import CaseQuerySet
from childpath.screening.models import Result, Screening

NOT_SCREENED = "none"


def by_result(cases: CaseQuerySet, value: str) -> CaseQuerySet:
    """The cases whose newest completed screening gave ``value`` (or with none completed).

    The newest counts: a re-screening that found no indication replaces an earlier "at risk".
    """
    completed = Screening.objects.filter(completed_at__isnull=False)
    if value == NOT_SCREENED:
        return cases.exclude(Exists(completed.filter(case=OuterRef("pk"))))
    later = completed.filter(case=OuterRef("case"), completed_at__gt=OuterRef("completed_at"))
    newest = completed.filter(case=OuterRef("pk"), result=value).exclude(Exists(later))
    return cases.filter(Exists(newest))


def case_filter() -> dict[str, Any]:
    return {
        "label": _("Screening result"),
        "choices": [*Result.choices, (NOT_SCREENED, _("Not screened yet"))],
        "apply": by_result,
    }

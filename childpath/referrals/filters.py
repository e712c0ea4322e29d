"""The case list's filter "overdue referrals" (childpath.lib.slots, ``case_filter``)."""

from typing import Any

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from childpath.cases.models import CaseQuerySet
from childpath.referrals.models import Referral

# The one rule of "overdue" in SQL, beside *Children without a pathway* (same module).
from childpath.referrals.selectors import overdue_condition as overdue


def with_overdue_referral(cases: CaseQuerySet, value: str) -> CaseQuerySet:
    """Cases with a referral past its deadline to acknowledge or to answer."""
    late = Referral.objects.filter(overdue(timezone.now()), case=OuterRef("pk"))
    return cases.filter(Exists(late))


def case_filter() -> dict[str, Any]:
    return {"label": _("With an overdue referral"), "apply": with_overdue_referral}

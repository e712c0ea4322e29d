"""Translated names of the codes a profile uses (the pure core holds codes only)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from childpath.accounts.models import Sector
from childpath.jurisdiction.durations import Duration
from childpath.jurisdiction.profile import (
    PATHS,
    RIGHT_CODES,
    TIME_LIMITS,
    TRIGGERS,
    URGENCIES,
)

RIGHT_TITLES: dict[str, Promise] = {
    "information": _("Information about rights and what happens next"),
    "interpreter": _("An interpreter"),
    "safe_accommodation": _("A safe place to stay"),
    "health_care": _("Health care"),
    "assistance": _("Assistance and support"),
    "psychological_support": _("Psychological support and trauma therapy"),
    "guardian": _("A guardian"),
    "best_interests_assessment": _("An assessment of the child's best interests"),
    "legal_counselling": _("Legal advice"),
    "legal_representation": _("A lawyer (legal representation)"),
    "child_friendly_interview": _("A child-friendly interview (Barnahus)"),
    "education": _("School and education"),
    "family_tracing": _("Family tracing"),
    "recovery_and_reflection": _("A recovery and reflection period"),
    "non_punishment": _("No punishment for what the child was forced to do"),
    "residence_permit": _("A residence permit"),
    "compensation": _("Compensation"),
}
TRIGGER_LABELS: dict[str, Promise] = {
    "child": _("a child (or treated as a child)"),
    "presumed": _("a presumed victim"),
    "identified": _("a formally identified victim"),
    "unaccompanied": _("unaccompanied"),
}
PATH_LABELS: dict[str, Promise] = {
    "social": _("Social path"),
    "criminal_justice": _("Criminal-justice path"),
    "judicial": _("Judicial path"),
}
URGENCY_LABELS: dict[str, Promise] = {
    "emergency": _("Emergency"),
    "urgent": _("Urgent"),
    "routine": _("Routine"),
}
TIME_LIMIT_LABELS: dict[str, Promise] = {
    "reasonable_grounds_decision": _("Decision on reasonable grounds (presumed victim)"),
    "recovery_and_reflection": _("Recovery and reflection period, at least"),
    "conclusive_decision_review": _("Review of a formal decision, within"),
    "age_assessment": _("Age assessment concluded, within"),
    "turning_18_notice": _("Warning before the 18th birthday"),
}
assert set(RIGHT_TITLES) == set(RIGHT_CODES)
assert set(TRIGGER_LABELS) == set(TRIGGERS)
assert set(PATH_LABELS) == set(PATHS)
assert set(URGENCY_LABELS) == set(URGENCIES)
assert set(TIME_LIMIT_LABELS) == set(TIME_LIMITS)


def sector_label(code: str) -> str:
    return str(Sector(code).label) if code in Sector.values else code


def duration_label(duration: Duration) -> str:
    """ "5 working days", translated, with the right plural."""
    n = duration.amount
    if duration.unit == "hours":
        return ngettext("%(n)d hour", "%(n)d hours", n) % {"n": n}
    if duration.unit == "working_days":
        return ngettext("%(n)d working day", "%(n)d working days", n) % {"n": n}
    return ngettext("%(n)d day", "%(n)d days", n) % {"n": n}

"""What this app shows on the case page and the home page (childpath.lib.slots)."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from childpath.accounts.models import Role, User
from childpath.age_assessment import selectors
from childpath.age_assessment.models import Method, Outcome
from childpath.age_assessment.rules import days_left
from childpath.cases.age import AgeBasis
from childpath.cases.models import Case

# Who plans handovers: the roles that coordinate cases (DESIGN.md section 3).
HOME_CARD_ROLES = frozenset({Role.COORDINATOR, Role.CASEWORKER})


def case_section(request: HttpRequest, case: Case, may_edit: bool) -> dict[str, Any]:
    """The age, its assessments and turning 18. One query at most (the handover plan, only
    in the notice period): the case page already read the identity and the assessment."""
    today = timezone.localdate()
    age = case.age(date_of_birth=case.identity.birth_date, today=today)
    in_notice = selectors.needs_plan(case, age, today)
    plan = selectors.latest_plan(case) if in_notice else None
    assessment = age.assessment
    return {
        "age": age,
        "assessment": assessment,
        "method_label": Method(assessment.method).label if assessment else "",
        "outcome_label": Outcome(assessment.outcome).label if assessment else "",
        "lower_bound_used": age.basis == AgeBasis.ASSESSMENT,
        "adult_now": not age.treated_as_child,
        "turns_18_on": age.turns_18_on,
        "days_left": days_left(age.turns_18_on, today) if age.turns_18_on else None,
        "warn": in_notice and plan is None,
        "plan": plan,
    }


def home_card(request: HttpRequest) -> dict[str, Any] | None:
    """Cases turning 18 soon without a handover plan, for coordinators and caseworkers."""
    user = request.user
    if not isinstance(user, User) or user.role not in HOME_CARD_ROLES:
        return None
    soon = selectors.turning_18_without_plan(user, today=timezone.localdate())
    return {"soon": soon[: selectors.SHOWN], "more": max(len(soon) - selectors.SHOWN, 0)}

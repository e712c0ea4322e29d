"""Reading age assessments, handover plans and who turns 18 soon."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import DateField, Exists, OuterRef, QuerySet
from django.db.models.functions import Cast, TruncMonth
from django.utils import timezone

from childpath.accounts.models import User
from childpath.age_assessment.models import AgeAssessment, HandoverPlan
from childpath.age_assessment.rules import days_left, first_of_month, handover_needed
from childpath.cases.age import AgeStatus
from childpath.cases.models import Case, Stage, newest_assessments
from childpath.jurisdiction.active import current_profile

# The home card lists at most this many cases; the query reads at most CANDIDATES rows.
SHOWN = 10
CANDIDATES = 500
# The case's own facts that ``Case.age`` reads.
AGE_FIELDS = ("claimed_age", "claimed_on", "age_disputed")


def assessments_of(case: Case) -> QuerySet[AgeAssessment]:
    return AgeAssessment.objects.filter(case=case).select_related("assessed_by", "organisation")


def plans_of(case: Case) -> QuerySet[HandoverPlan]:
    return HandoverPlan.objects.filter(case=case).select_related("made_by", "organisation")


def latest_plan(case: Case) -> HandoverPlan | None:
    return plans_of(case).first()


def notice_horizon(today: date) -> date:
    """The last 18th birthday the profile's notice period reaches from ``today``."""
    notice = current_profile().time_limits["turning_18_notice"]
    return notice.after(datetime.combine(today, time.min)).date()


def registered_on(case: Case) -> date:
    return timezone.localdate(case.created_at)


def needs_plan(case: Case, age: AgeStatus, today: date) -> bool:
    """Whether the case is in the period that asks for a handover plan (plan or not)."""
    return handover_needed(
        turns_18_on=age.turns_18_on,
        registered_on=registered_on(case),
        horizon=notice_horizon(today),
    )


@dataclass(frozen=True)
class TurningSoon:
    case: Case
    turns_18_on: date
    days_left: int


def turning_18_without_plan(user: User, *, today: date) -> list[TurningSoon]:
    """The cases ``user`` may see that turn 18 within the notice (or have turned 18 since
    the case opened) and have no handover plan, soonest first. Two queries, whatever the
    number of cases: the clear month narrows the cases in SQL, then the exact day comes
    from each decrypted date of birth in memory (see TurningEighteen)."""
    horizon = notice_horizon(today)
    # Only what the age needs (the date of birth is the one value decrypted per row) and
    # what the card shows: up to 500 rows, so every column and every model costs.
    candidates = list(
        Case.objects.visible_to(user)
        .select_related("identity")
        .only(*AGE_FIELDS, "reference", "created_at", "identity__date_of_birth")
        .exclude(stage=Stage.CLOSED)
        .filter(
            turning_eighteen__month__lte=first_of_month(horizon),
            # Already 18 when the case opened: no child to hand over.
            turning_eighteen__month__gte=Cast(TruncMonth("created_at"), DateField()),
        )
        .exclude(Exists(HandoverPlan.objects.filter(case=OuterRef("pk"))))
        .order_by("turning_eighteen__month", "pk")[:CANDIDATES]
    )
    newest = newest_assessments([case.pk for case in candidates])
    soon = []
    for case in candidates:
        age = case.age_given(
            newest.get(case.pk), date_of_birth=case.identity.birth_date, today=today
        )
        turns_18_on = age.turns_18_on
        if turns_18_on is None:
            continue
        if handover_needed(
            turns_18_on=turns_18_on, registered_on=registered_on(case), horizon=horizon
        ):
            soon.append(TurningSoon(case, turns_18_on, days_left(turns_18_on, today)))
    return sorted(soon, key=lambda row: (row.turns_18_on, row.case.pk))

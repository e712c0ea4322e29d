"""Recording age assessments and handover plans: one transaction each, audited inside."""

from dataclasses import asdict
from dataclasses import fields as dataclass_fields

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from childpath.accounts.models import User
from childpath.age_assessment.models import AgeAssessment, HandoverPlan, TurningEighteen
from childpath.age_assessment.rules import first_of_month
from childpath.age_assessment.validation import (
    AssessmentData,
    HandoverData,
    check_age_assessment,
    check_handover,
)
from childpath.cases.changes import record_change
from childpath.cases.models import Case, Identity
from childpath.cases.services import require_edit
from childpath.cases.validation import check_life_date, merge


def record_assessment(*, actor: User, case: Case, assessment: AssessmentData) -> AgeAssessment:
    """Record one age assessment; the newest one decides the age that counts (rule 3)."""
    require_edit(actor, case)
    assert actor.organisation is not None
    earlier = set(case.age_assessments.values_list("method", flat=True))  # type: ignore[attr-defined]
    errors = check_age_assessment(assessment, today=timezone.localdate(), earlier_methods=earlier)
    born = case.identity.birth_date
    merge(errors, check_life_date("assessed_on", assessment.assessed_on, born))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        row = AgeAssessment.objects.create(
            case=case,
            assessed_by=actor,
            organisation=actor.organisation,
            **asdict(assessment),
        )
        # The case caches its newest assessment; this one is newer.
        case.__dict__.pop("latest_age_assessment", None)
        sync_turning_18(case)
        record_change(
            actor=actor,
            case=case,
            kind="age.assessed",
            data={
                "method": row.method,
                "outcome": row.outcome,
                "concluded": row.concluded,
                "minimum": row.minimum_age,
                "maximum": row.maximum_age,
            },
            action="age_assessment.create",
            fields=[f.name for f in dataclass_fields(AssessmentData)],
        )
    return row


def record_handover_plan(*, actor: User, case: Case, plan: HandoverData) -> HandoverPlan:
    """The plan for the handover to adult services at 18; it ends the warning."""
    require_edit(actor, case)
    assert actor.organisation is not None
    errors = check_handover(plan, today=timezone.localdate())
    merge(errors, check_life_date("agreed_on", plan.agreed_on, case.identity.birth_date))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        row = HandoverPlan.objects.create(
            case=case, made_by=actor, organisation=actor.organisation, **asdict(plan)
        )
        record_change(
            actor=actor,
            case=case,
            kind="handover.planned",
            data={"agreed": plan.agreed_with_young_person},
            action="handover_plan.create",
            fields=[f.name for f in dataclass_fields(HandoverData)],
        )
    return row


def sync_turning_18(case: Case, identity: Identity | None = None) -> None:
    """Keep the clear month of turning 18 in step with the age facts (see TurningEighteen).

    Derived data, like the blind-index tokens of the cases app: it records no act of anyone,
    so it has no audit event of its own; the change that caused it has one.
    """
    if identity is None:
        identity = getattr(case, "identity", None)
    born = identity.birth_date if identity is not None else None
    turns_18_on = case.age(date_of_birth=born).turns_18_on
    month = first_of_month(turns_18_on) if turns_18_on else None
    # One statement, on PostgreSQL and SQLite alike.
    TurningEighteen.objects.bulk_create(
        [TurningEighteen(case=case, month=month)],
        update_conflicts=True,
        unique_fields=["case"],
        update_fields=["month"],
    )

"""Practice attempts: start, answer one theme at a time, complete, or all at once (the API).

Each is one transaction with its audit event. Nothing here reads or writes a case.
"""

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from childpath.accounts.models import User
from childpath.audit.services import record
from childpath.indicators.engine import Evaluation
from childpath.practice.access import practitioner
from childpath.practice.catalogue import practice_catalogue
from childpath.practice.feedback import compare
from childpath.practice.models import Attempt
from childpath.practice.situations import Situation
from childpath.screening.services import run_engine


def start_attempt(*, actor: User, situation: Situation) -> Attempt:
    """A new, empty screening of ``situation``; the age starts empty and not in doubt, as the
    professional reads it from the story."""
    practitioner(actor)
    assert actor.organisation_id is not None
    with transaction.atomic():
        attempt = Attempt.objects.create(
            user=actor,
            organisation_id=actor.organisation_id,
            situation_id=situation.id,
            expected_result=situation.expected_result,
        )
        record(actor=actor, action="practice.start", fields=["situation"])
    return attempt


def _own_open(actor: User, attempt: Attempt) -> None:
    if attempt.user_id != actor.pk:
        raise PermissionDenied
    if attempt.is_complete:
        raise ValidationError(_("This practice screening is complete."))


def save_answers(
    *,
    actor: User,
    attempt: Attempt,
    observations: Mapping[str, str] | None = None,
    age: tuple[int | None, bool] | None = None,
) -> Attempt:
    """Merge answers into an unfinished attempt; the engine validates ids, statuses and age."""
    _own_open(actor, attempt)
    merged = {**attempt.observations, **(observations or {})}
    age_at, uncertain = (
        age if age is not None else (attempt.age_at_exploitation, attempt.age_uncertain)
    )
    run_engine(
        practice_catalogue(),
        observations=merged,
        age_at_exploitation=age_at,
        age_uncertain=uncertain,
    )
    with transaction.atomic():
        attempt.observations = merged
        attempt.age_at_exploitation, attempt.age_uncertain = age_at, uncertain
        attempt.save()
        record(actor=actor, action="practice.update", fields=["observations", "age"])
    return attempt


def complete_attempt(*, actor: User, attempt: Attempt, situation: Situation) -> Evaluation:
    """Evaluate the answers and store the result and its comparison with the expected one."""
    _own_open(actor, attempt)
    catalogue = practice_catalogue()
    evaluation = run_engine(
        catalogue,
        observations=attempt.observations,
        age_at_exploitation=attempt.age_at_exploitation,
        age_uncertain=attempt.age_uncertain,
    )
    feedback = compare(
        catalogue,
        situation,
        answers=attempt.observations,
        result=evaluation.result,
        age=attempt.age_at_exploitation,
        age_uncertain=attempt.age_uncertain,
    )
    with transaction.atomic():
        updated = Attempt.objects.filter(pk=attempt.pk, completed_at__isnull=True).update(
            completed_at=timezone.now(),
            catalogue_version=evaluation.catalogue_version,
            result=evaluation.result,
            evaluation=evaluation.as_dict(),
            agrees=feedback.agrees,
            missed=list(feedback.missed),
            over_read=list(feedback.over_read),
        )
        if updated != 1:  # a second click: the first completion stands
            raise ValidationError(_("This practice screening is complete."))
        record(actor=actor, action="practice.complete", fields=["result"])
    attempt.refresh_from_db()
    return evaluation


def attempt_at_once(
    *,
    actor: User,
    situation: Situation,
    observations: Mapping[str, str],
    age_at_exploitation: int | None,
    age_uncertain: bool,
) -> tuple[Attempt, Evaluation]:
    """Start, answer and complete in one transaction (the API)."""
    with transaction.atomic():
        attempt = start_attempt(actor=actor, situation=situation)
        save_answers(
            actor=actor,
            attempt=attempt,
            observations=observations,
            age=(age_at_exploitation, age_uncertain),
        )
        evaluation = complete_attempt(actor=actor, attempt=attempt, situation=situation)
    return attempt, evaluation

"""Screening a case: start, save answers, complete. One transaction each, audited inside."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from childpath.accounts.models import User
from childpath.cases.changes import record_change
from childpath.cases.models import Case, Stage
from childpath.indicators.catalogue import Catalogue
from childpath.indicators.engine import (
    MAX_AGE,
    STATUSES,
    Evaluation,
    EvaluationError,
    InvalidStatus,
    UnknownIndicator,
    evaluate,
)
from childpath.screening.catalogue import current_catalogue
from childpath.screening.models import Result, Screening
from childpath.screening.signals import screening_completed

MAX_NOTE = 2000


def _translated(error: EvaluationError) -> ValidationError:
    if isinstance(error, UnknownIndicator):
        message = _("Unknown indicator: %(ids)s.") % {"ids": ", ".join(error.ids)}
        return ValidationError({"observations": [message]})
    if isinstance(error, InvalidStatus):
        message = _("Unknown answer for %(ids)s. Allowed: %(allowed)s.") % {
            "ids": ", ".join(error.invalid),
            "allowed": ", ".join(STATUSES),
        }
        return ValidationError({"observations": [message]})
    message = _("Enter an age between 0 and %(max)d.") % {"max": MAX_AGE}
    return ValidationError({"age_at_exploitation": [message]})


def run_engine(
    catalogue: Catalogue,
    *,
    observations: Mapping[str, str],
    age_at_exploitation: int | None,
    age_uncertain: bool,
) -> Evaluation:
    """The engine, with its input errors as translated field errors."""
    try:
        return evaluate(
            catalogue,
            observations=observations,
            age_at_exploitation=age_at_exploitation,
            age_uncertain=age_uncertain,
        )
    except EvaluationError as error:
        raise _translated(error) from error


def _check_notes(notes: Mapping[str, str], catalogue: Catalogue) -> None:
    unknown = sorted(set(notes) - set(catalogue.by_id))
    if unknown:
        raise ValidationError(
            {"notes": [_("Unknown indicator: %(ids)s.") % {"ids": ", ".join(unknown)}]}
        )
    if any(len(note) > MAX_NOTE for note in notes.values()):
        raise ValidationError({"notes": [_("At most %(limit)d characters.") % {"limit": MAX_NOTE}]})


def start_screening(*, actor: User, case: Case) -> Screening:
    """Any professional who can see the case may screen (DESIGN.md rule 2).

    The age defaults come from the case: an unknown or doubtful age starts as uncertain.
    """
    if not Case.objects.visible_to(actor, per_row=True).filter(pk=case.pk).exists():
        raise PermissionDenied
    assert actor.organisation is not None
    age = case.age(date_of_birth=case.identity.birth_date)
    with transaction.atomic():
        screening = Screening.objects.create(
            case=case,
            started_by=actor,
            organisation=actor.organisation,
            age_at_exploitation=None if age.presumed else age.years,
            # A disputed age is uncertain even when the claim is under 18: the screening
            # records the doubt (CETS 197 art. 10(3)), not only the presumption.
            age_uncertain=age.presumed or age.disputed,
            notes={},
        )
        # The timeline shows a screening when it is complete; starting one is audited.
        record_change(
            actor=actor,
            case=case,
            kind=None,
            action="screening.create",
            fields=["age_at_exploitation", "age_uncertain"],
        )
    return screening


def save_answers(
    *,
    actor: User,
    screening: Screening,
    observations: Mapping[str, str] | None = None,
    notes: Mapping[str, str] | None = None,
    age: tuple[int | None, bool] | None = None,
) -> Screening:
    """Merge answers into an unfinished screening; the engine validates ids and statuses."""
    _require_open(actor, screening)
    with transaction.atomic():
        # Merge into the answers as stored now, under a lock: two people saving different
        # themes of one screening at once both keep their answers (no lost update).
        stored = Screening.objects.select_for_update().select_related("case").get(pk=screening.pk)
        _require_open(actor, stored)
        _save_answers(actor, stored, observations, notes, age)
    # The caller's object shows what is stored now (its own answers and the others').
    for name in ("observations", "notes", "age_at_exploitation", "age_uncertain"):
        setattr(screening, name, getattr(stored, name))
    return screening


def _save_answers(
    actor: User,
    screening: Screening,
    observations: Mapping[str, str] | None,
    notes: Mapping[str, str] | None,
    age: tuple[int | None, bool] | None,
) -> Screening:
    catalogue = current_catalogue()
    merged_observations = {**screening.observations, **(observations or {})}
    merged_notes = {**(screening.notes or {}), **(notes or {})}
    age_at, uncertain = (
        age
        if age is not None
        else (
            screening.age_at_exploitation,
            screening.age_uncertain,
        )
    )
    run_engine(
        catalogue,
        observations=merged_observations,
        age_at_exploitation=age_at,
        age_uncertain=uncertain,
    )
    _check_notes(merged_notes, catalogue)
    with transaction.atomic():
        screening.observations = merged_observations
        screening.notes = {k: v for k, v in merged_notes.items() if v.strip()}
        screening.age_at_exploitation, screening.age_uncertain = age_at, uncertain
        screening.save()
        touched = [
            name
            for name, given in (("observations", observations), ("notes", notes), ("age", age))
            if given is not None
        ]
        # Saving answers of an unfinished screening is audited, not put on the timeline.
        record_change(
            actor=actor,
            case=screening.case,
            kind=None,
            action="screening.update",
            fields=touched,
        )
    return screening


def complete_screening(*, actor: User, screening: Screening) -> Screening:
    """Evaluate and freeze the result with the catalogue version it used.

    A presumed victim moves the case to "presumed victim" at once: the child's rights and
    the referral pathway open without waiting for anyone (DESIGN.md rule 2).
    """
    _require_open(actor, screening)
    catalogue = current_catalogue()
    evaluation = run_engine(
        catalogue,
        observations=screening.observations,
        age_at_exploitation=screening.age_at_exploitation,
        age_uncertain=screening.age_uncertain,
    )
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=screening.case_id)
        # Two completes at once (a double click on a slow line): the second waits for the
        # lock above, then finds the screening complete and changes nothing.
        if Screening.objects.filter(pk=screening.pk, completed_at__isnull=False).exists():
            raise ValidationError(_("This screening is complete and can no longer change."))
        screening.evaluation = evaluation.as_dict()
        screening.result = evaluation.result
        screening.rule = evaluation.rule
        screening.catalogue_version = evaluation.catalogue_version
        screening.completed_at = timezone.now()
        screening.save()
        _advance_stage(case, evaluation.result)
        record_change(
            actor=actor,
            case=case,
            kind="screening.completed",
            data={
                "screening_id": screening.pk,
                "result": evaluation.result,
                "rule": evaluation.rule,
            },
            action="screening.complete",
            fields=["result"],
        )
        # Inside the transaction: a presumed-victim decision is saved with the screening.
        screening_completed.send(sender=Screening, screening=screening, actor=actor)
    return screening


def screen_at_once(
    *,
    actor: User,
    case: Case,
    observations: Mapping[str, str],
    notes: Mapping[str, str],
    age_at_exploitation: int | None,
    age_uncertain: bool,
) -> Screening:
    """Start, fill and complete in one transaction (the API's create)."""
    with transaction.atomic():
        screening = start_screening(actor=actor, case=case)
        screening = save_answers(
            actor=actor,
            screening=screening,
            observations=observations,
            notes=notes,
            age=(age_at_exploitation, age_uncertain),
        )
        return complete_screening(actor=actor, screening=screening)


def rescreen(*, actor: User, previous: Screening) -> Screening:
    """Start a new screening of the same case with the current catalogue, the answers, notes and
    age of ``previous`` carried over (DESIGN.md rule 7: the old result stays as it was).

    Answers to indicators the current catalogue no longer has are left behind; indicators new
    in it start unanswered; the engine counts an unanswered sign as not known.
    """
    if not Case.objects.visible_to(actor, per_row=True).filter(pk=previous.case_id).exists():
        raise PermissionDenied
    if not previous.is_complete:
        raise ValidationError(_("Only a completed screening can be carried over."))
    assert actor.organisation is not None
    catalogue = current_catalogue()
    known = set(catalogue.by_id)
    observations = {k: v for k, v in previous.observations.items() if k in known}
    notes = {k: v for k, v in (previous.notes or {}).items() if k in known}
    with transaction.atomic():
        screening = Screening.objects.create(
            case=previous.case,
            started_by=actor,
            organisation=actor.organisation,
            age_at_exploitation=previous.age_at_exploitation,
            age_uncertain=previous.age_uncertain,
            observations=observations,
            notes=notes,
            carried_from=previous,
        )
        # Like starting a screening: audited, shown on the timeline once complete.
        record_change(
            actor=actor,
            case=previous.case,
            kind=None,
            action="screening.create",
            fields=["age_at_exploitation", "age_uncertain", "observations", "notes"],
            purpose=f"re-screening of {previous.pk} with catalogue {catalogue.version}",
        )
    return screening


def _advance_stage(case: Case, result: str) -> None:
    # A screening never moves a case backwards: an identified or closed case stays so.
    if result == Result.PRESUMED_VICTIM and case.stage in (Stage.CONCERN, Stage.SCREENED):
        case.stage = Stage.PRESUMED
    elif case.stage == Stage.CONCERN:
        case.stage = Stage.SCREENED
    else:
        return
    case.save(update_fields=["stage", "updated_at"])


def _require_open(actor: User, screening: Screening) -> None:
    if not Case.objects.visible_to(actor, per_row=True).filter(pk=screening.case_id).exists():
        raise PermissionDenied
    if screening.is_complete:
        raise ValidationError(_("This screening is complete and can no longer change."))


def answers_summary(screening: Screening) -> dict[str, Any]:
    """Counts by status, for progress displays."""
    counts = dict.fromkeys(STATUSES, 0)
    for status in screening.observations.values():
        counts[status] = counts.get(status, 0) + 1
    return counts

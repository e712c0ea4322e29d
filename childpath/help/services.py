"""Every change in the help app: feedback codes given out and children's answers stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from childpath.accounts.models import User
from childpath.audit.services import record
from childpath.help import codes
from childpath.help.models import QUESTIONS, EncounterKind, FeedbackAnswer, FeedbackCode
from childpath.lib.crypto import blind_index

VALID_DAYS = 60
MAX_TEXT = 1000  # characters of the free text


class FeedbackRefused(Exception):
    """Why an answer was not stored: "unknown", "used", "expired" (said kindly to the child)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Issued:
    code: str
    expires_on: date


@dataclass(frozen=True)
class Answers:
    """What the child chose: 1 no, 2 a bit, 3 yes, or None (skipped), and the free text."""

    faces: dict[str, int | None]
    would_help: str = ""
    language: str = "en"


def code_hash(code: str) -> str:
    return blind_index("help-feedback-code", code)


def issue_feedback_code(*, actor: User, kind: str) -> Issued:
    """A new one-time code for the actor's organisation and this kind of encounter.

    The audit event names the professional and the organisation, never the case: the code must
    not lead back to the child (the child's page it is shown on is audited on its own).
    """
    if actor.organisation_id is None:
        raise ValueError("Only a member of an organisation gives feedback codes.")
    if kind not in EncounterKind.values:
        raise ValueError(f"Unknown kind of encounter: {kind}")
    expires_on = timezone.localdate() + timedelta(days=VALID_DAYS)
    for _attempt in range(5):
        code = codes.new_code()
        try:
            with transaction.atomic():
                FeedbackCode.objects.create(
                    code_hash=code_hash(code),
                    organisation_id=actor.organisation_id,
                    kind=kind,
                    expires_on=expires_on,
                )
                record(actor=actor, action="help.feedback_code", fields=["kind"], purpose=kind)
        except IntegrityError:  # the same code twice: about one in 10**11
            continue
        return Issued(code=code, expires_on=expires_on)
    raise RuntimeError("No free feedback code found.")


def submit_feedback(*, code: str, answers: Answers) -> FeedbackAnswer:
    """Store a child's answers once for a valid code, or refuse and store nothing.

    The code is spent with a compare-and-set update, so two answers sent at once with one code
    store one. The answer keeps the organisation, the kind and the month: not the code, not
    the day.
    """
    normalised = codes.normalise(code)
    if not codes.looks_valid(normalised):
        raise FeedbackRefused("unknown")
    if len(answers.would_help) > MAX_TEXT:
        raise ValueError("The free text is too long.")
    today = timezone.localdate()
    with transaction.atomic():
        found = FeedbackCode.objects.filter(code_hash=code_hash(normalised)).first()
        if found is None:
            raise FeedbackRefused("unknown")
        if found.used:
            raise FeedbackRefused("used")
        if found.expires_on < today:
            raise FeedbackRefused("expired")
        spent = FeedbackCode.objects.filter(pk=found.pk, used=False).update(used=True)
        if spent != 1:
            raise FeedbackRefused("used")
        faces = {q: answers.faces.get(q) for q in QUESTIONS}
        answer = FeedbackAnswer.objects.create(
            organisation_id=found.organisation_id,
            kind=found.kind,
            month=today.replace(day=1),
            language=answers.language,
            would_help=answers.would_help.strip(),
            **faces,
        )
        # Anonymous: no actor, no case; the fields say what was answered, not how.
        record(
            actor=None,
            action="help.feedback",
            fields=[q for q, v in faces.items() if v]
            + (["would_help"] if answer.would_help else []),
        )
    return answer


def record_feedback_read(*, actor: User, period: str) -> None:
    """Reading children's own words is audited, like any read of what a child said."""
    with transaction.atomic():
        record(actor=actor, action="help.feedback.read", fields=["would_help"], purpose=period)

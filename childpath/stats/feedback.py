"""Children's own view: the feedback children give on a first meeting (the help app, DESIGN.md
6.10), as barrier indicators beside the others. The help app sits beside this one, so its
aggregates come through the ``statistics`` slot (childpath/lib/slots.py, entry
"help.feedback"): rows of (organisation, kind of meeting, answers, and per question the counts
of no, a bit and yes), groups of fewer than ten answers left out by the help app.

The slot is asked once per atom of the period (month or quarter of the profile), and the
period's figures are the sums of the atoms': a group the help app left out of a month stays
out, so the difference of two periods cannot reveal a small month. The sums are then
protected as the tables are: the answers by kind with the one-way rule, and a question's share
of "yes" only when neither those who said yes nor those who did not are a small group.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from childpath.accounts.models import Organisation
from childpath.lib import slots
from childpath.stats import disclosure
from childpath.stats.periods import Period
from childpath.stats.selectors import Protection

SOURCE = "help.feedback"
NO, A_BIT, YES = 1, 2, 3

QUESTIONS: dict[str, Promise] = {
    "safe": _("Felt safe with them"),
    "listened": _("Felt listened to"),
    "explained": _("Was told what would happen next"),
    "rights": _("Was told about their rights"),
    "understood": _("Understood what they were told"),
    "helped": _("Got the help they needed"),
}
KINDS: dict[str, Promise] = {
    "first_meeting": _("A first meeting with a social worker or counsellor"),
    "interview": _("An interview (for example at a Barnahus or with the police)"),
    "health": _("A visit to a doctor or a nurse"),
    "shelter": _("Arriving at a shelter or a safe place to stay"),
    "legal": _("Meeting a lawyer or a guardian"),
    "other": _("Another kind of meeting"),
}
TITLE = _("Children's feedback on a first meeting")
DEFINITION = _(
    "Answers children gave anonymously, with a code from the professional, about a first "
    "meeting: how many answered, by the kind of meeting, and for each question the share who "
    "said yes. Counted month by month; a month in which an organisation had fewer than 10 "
    "answers for a kind of meeting is left out, so these figures count only the months with "
    "enough answers."
)


@dataclass
class Row:
    kind: str
    label: str
    answers: int | None  # None: suppressed
    shares: list[float | None]  # per question, % yes; None: suppressed


@dataclass
class Feedback:
    title: str
    definition: str
    questions: list[str]
    rows: list[Row] = field(default_factory=list)
    total: int | None = None


def _empty() -> dict[str, Any]:
    return {"answers": 0, "questions": {q: {NO: 0, A_BIT: 0, YES: 0} for q in QUESTIONS}}


def _add(into: dict[str, Any], row: dict[str, Any]) -> None:
    into["answers"] += int(row["answers"])
    for question, faces in (row.get("questions") or {}).items():
        if question in into["questions"]:
            for face in (NO, A_BIT, YES):
                # JSON-like rows may carry the faces as text keys.
                into["questions"][question][face] += int(faces.get(face, faces.get(str(face), 0)))


def feedback(
    period: Period, organisation: Organisation | None = None, protection: Protection | None = None
) -> Feedback | None:
    """The children's feedback of the period (and organisation), protected; None when no app
    provides it (the help app is not installed)."""
    p = protection or Protection.default()
    by_kind: dict[str, dict[str, Any]] = {}
    provided = False
    for first, last in period.atoms(p.unit):
        for entry in slots.fill("statistics", first, last):
            if entry.name != SOURCE:
                continue
            provided = True
            for row in entry.context.get("rows", []):
                if organisation is not None and row.get("organisation") != str(organisation.pk):
                    continue
                _add(by_kind.setdefault(str(row.get("kind") or "other"), _empty()), row)
    if not provided:
        return None
    # Every kind, whether answered or not, as a table lists every category: a kind missing
    # from the rows is shown as suppressed, never as zero, and protects its partner.
    kinds = list(KINDS) + sorted(k for k in by_kind if k not in KINDS)
    for kind in kinds:
        by_kind.setdefault(kind, _empty())
    result = Feedback(str(TITLE), str(DEFINITION), [str(label) for label in QUESTIONS.values()])
    counted = disclosure.one_way([by_kind[k]["answers"] for k in kinds], p.threshold)
    for kind, answers in zip(kinds, counted.cells, strict=True):
        shares: list[float | None] = []
        for question in QUESTIONS:
            faces = by_kind[kind]["questions"][question]
            yes, other = faces[YES], faces[NO] + faces[A_BIT]
            # Both parts must be publishable, as for the other shares (barriers._share).
            parts = disclosure.one_way([yes, other], p.threshold)
            shown = answers is not None and None not in parts.cells and yes + other > 0
            shares.append(round(100 * yes / (yes + other), 1) if shown else None)
        label = str(KINDS[kind]) if kind in KINDS else kind
        result.rows.append(Row(kind, label, answers, shares))
    result.total = counted.total
    return result

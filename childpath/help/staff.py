"""The professionals' side of children's feedback: a code for the child (from the child's page
of a case) and the organisation's results. Signed in, outside /help/."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from childpath.accounts.models import Role, User
from childpath.cases.access import case_user, get_case_for_user
from childpath.cases.models import Case
from childpath.help import codes, languages, qr, selectors, services
from childpath.help.forms import QUESTION_LABELS, IssueCodeForm
from childpath.help.models import EncounterKind

SESSION_KEY = "help_feedback_codes"
# Who sees the organisation's results; the free text only its coordinators.
SEE_RESULTS = frozenset({Role.COORDINATOR, Role.CASEWORKER})
SEE_TEXTS = frozenset({Role.COORDINATOR})


# --- A code for the child -----------------------------------------------------------------------


@login_required
@require_POST
def issue_code(request: HttpRequest, reference: str) -> HttpResponse:
    """Give the child a one-time feedback code; it is shown on the child's page and handout.

    The code is kept only in this professional's session (which ends after 30 minutes without
    activity), under the case it was given on, so that the child's page and the handout can
    show it; the database keeps a hash of it with the organisation and the kind of meeting.
    """
    user = case_user(request)
    case = get_case_for_user(user, reference)
    form = IssueCodeForm(request.POST)
    if not form.is_valid():
        return redirect("rights-child", reference=case.reference)
    issued = services.issue_feedback_code(actor=user, kind=form.cleaned_data["kind"])
    given = dict(request.session.get(SESSION_KEY, {}))
    given[case.reference] = {"code": issued.code, "expires_on": issued.expires_on.isoformat()}
    request.session[SESSION_KEY] = given
    target = "rights-handout" if form.cleaned_data["next"] == "handout" else "rights-child"
    url = reverse(target, kwargs={"reference": case.reference})
    lang = form.cleaned_data["lang"]
    return redirect(f"{url}?lang={lang}" if lang in languages.CODES else url)


def childinfo_block(
    request: HttpRequest, case: Case, language: str, printable: bool
) -> dict[str, Any] | None:
    """The feedback code on the child's page and the handout (slot "childinfo")."""
    given = request.session.get(SESSION_KEY, {}).get(case.reference)
    code = expires = None
    if given:
        expires = date.fromisoformat(given["expires_on"])
        code = given["code"] if expires >= timezone.localdate() else None
    lang = language if language in languages.CODES else "en"
    context: dict[str, Any] = {
        "lang": lang,
        "printable": printable,
        "case": case,
        "kinds": EncounterKind.choices,
        "next": "handout" if printable else "child",
    }
    if code:
        path = reverse("help-feedback", kwargs={"lang": lang})
        url = request.build_absolute_uri(f"{path}?code={code}")
        context |= {
            "code": codes.display(code),
            "expires_on": expires,
            "address": request.build_absolute_uri(reverse("help-feedback-choose")),
            "qr": qr.svg(url, title=str(_("QR code that opens the feedback page"))),
        }
    return context


# --- The organisation's results -----------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    start: date
    end: date


def periods(today: date) -> list[Period]:
    """Calendar years, this one and the four before, newest first. ``start`` and ``end`` are the
    first days of the first and last months (answers keep only their month).

    Only periods that do not overlap: with a year and one of its quarters both on offer, the
    difference of the two would show the answers of the other quarters, however few.
    """
    return [
        Period(str(year), str(year), date(year, 1, 1), date(year, 12, 1))
        for year in range(today.year, today.year - 5, -1)
    ]


def kinds_shown(total: int, by_kind: list[Any]) -> list[Any]:
    """The kinds of meeting to show separately: those with enough answers, and only if what is
    left out is nothing or enough itself (secondary suppression: one small group left out could
    be worked out as the total minus the others)."""
    shown = [a for a in by_kind if a.answers >= selectors.MIN_ANSWERS]
    rest = total - sum(a.answers for a in shown)
    return shown if rest == 0 or rest >= selectors.MIN_ANSWERS else []


def _member(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or user.role not in SEE_RESULTS or not user.organisation_id:
        raise PermissionDenied
    return user


@login_required
@require_GET
def results(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    assert user.organisation_id is not None
    known = periods(timezone.localdate())
    chosen = next((p for p in known if p.key == request.GET.get("period")), known[0])
    end = chosen.end
    count = selectors.answer_count(
        organisation_id=user.organisation_id, start=chosen.start, end=end
    )
    shown = count >= selectors.MIN_ANSWERS
    total = by_kind = None
    texts: list[str] = []
    if shown:
        total = selectors.feedback_aggregates(
            start=chosen.start, end=end, organisation_id=user.organisation_id
        )[0]
        kinds = dict(EncounterKind.choices)
        groups = selectors.feedback_aggregates(
            start=chosen.start, end=end, organisation_id=user.organisation_id, by_kind=True
        )
        by_kind = [(kinds.get(a.kind, a.kind), a) for a in kinds_shown(count, groups)]
        if user.role in SEE_TEXTS:
            texts = selectors.free_texts(
                organisation_id=user.organisation_id, start=chosen.start, end=end
            )
            if texts:
                services.record_feedback_read(actor=user, period=chosen.key)
    rows = []
    if total is not None:
        for name, label in QUESTION_LABELS.items():
            answered = total.answered(name)
            # A question most children skipped: too few answers to show how they went.
            enough = answered >= selectors.MIN_ANSWERS
            rows.append(
                {
                    "label": label,
                    "answered": answered,
                    "enough": enough,
                    "yes": total.share(name, 3) if enough else None,
                    "a_bit": total.share(name, 2) if enough else None,
                    "no": total.share(name, 1) if enough else None,
                }
            )
    return render(
        request,
        "help/results.html",
        {
            "periods": known,
            "period": chosen,
            "count": count,
            "shown": shown,
            "minimum": selectors.MIN_ANSWERS,
            "rows": rows,
            "by_kind": by_kind,
            "texts": texts,
            "sees_texts": user.role in SEE_TEXTS,
            "organisation": user.organisation,
        },
    )

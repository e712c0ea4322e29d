"""Practice pages: pick a fictional situation, screen it one theme at a time with the
screening's own questions, see the engine's result and then the feedback."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from childpath.accounts.models import User
from childpath.indicators.catalogue import Catalogue, Indicator
from childpath.practice import presenters, selectors, services
from childpath.practice.access import practitioner
from childpath.practice.catalogue import practice_catalogue, situation, situations
from childpath.practice.forms import AgeForm, PracticeThemeForm
from childpath.practice.models import Attempt
from childpath.practice.situations import Situation
from childpath.screening.explain import explain


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    indicators: list[Indicator]
    answered: int


def _lang() -> str:
    return (get_language() or "en").lower()


def _steps(catalogue: Catalogue, answers: dict[str, str]) -> list[Step]:
    """The catalogue's themes in screening order (every core indicator has a theme)."""
    lang = _lang()
    result = []
    for theme in catalogue.themes:
        items = list(catalogue.in_theme(theme.id))
        if items:
            result.append(
                Step(theme.id, theme.title_for(lang), items, sum(i.id in answers for i in items))
            )
    return result


def _situation(situation_id: str) -> Situation:
    found = situation(situation_id)
    if found is None:
        raise Http404
    return found


def _attempt(request: HttpRequest, pk: int) -> tuple[User, Attempt, Situation]:
    """The user's own attempt: another person's is 404, like one that does not exist."""
    user = practitioner(request.user)
    attempt = get_object_or_404(Attempt, pk=pk, user=user)
    return user, attempt, _situation(attempt.situation_id)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = practitioner(request.user)
    catalogue = practice_catalogue()
    lang = _lang()
    latest = selectors.latest_by_situation(user)
    rows = [
        {
            "situation": s,
            "title": s.text("title", lang),
            "age": presenters.age_text(s),
            "tags": presenters.tags(s, catalogue, lang),
            "latest": latest.get(s.id),
        }
        for s in situations()
    ]
    context = {
        "rows": rows,
        "progress": selectors.own_progress(user),
        "totals": selectors.organisation_totals(user),
        "count": len(rows),
        "min_people": selectors.MIN_PEOPLE_FOR_TOTALS,
    }
    return render(request, "practice/index.html", context)


@login_required
def situation_detail(request: HttpRequest, situation_id: str) -> HttpResponse:
    practitioner(request.user)
    found = _situation(situation_id)
    lang = _lang()
    context = {
        "situation": found,
        "title": found.text("title", lang),
        "story": found.text("story", lang),
    }
    return render(request, "practice/situation.html", context)


@login_required
@require_POST
def attempt_start(request: HttpRequest, situation_id: str) -> HttpResponse:
    user = practitioner(request.user)
    attempt = services.start_attempt(actor=user, situation=_situation(situation_id))
    return redirect("practice-age", pk=attempt.pk)


def _story_context(found: Situation) -> dict[str, str]:
    lang = _lang()
    return {"title": found.text("title", lang), "story": found.text("story", lang)}


@login_required
def attempt_age(request: HttpRequest, pk: int) -> HttpResponse:
    user, attempt, found = _attempt(request, pk)
    if attempt.is_complete:
        return redirect("practice-attempt", pk=attempt.pk)
    initial = {
        "age_at_exploitation": attempt.age_at_exploitation,
        "age_uncertain": attempt.age_uncertain,
    }
    form = AgeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        age = (form.cleaned_data["age_at_exploitation"], form.cleaned_data["age_uncertain"])
        services.save_answers(actor=user, attempt=attempt, age=age)
        first = _steps(practice_catalogue(), attempt.observations)[0]
        return redirect("practice-theme", pk=attempt.pk, theme=first.id)
    context = {"attempt": attempt, "form": form, **_story_context(found)}
    status = 400 if request.method == "POST" else 200
    return render(request, "practice/age.html", context, status=status)


@login_required
def attempt_theme(request: HttpRequest, pk: int, theme: str) -> HttpResponse:
    user, attempt, found = _attempt(request, pk)
    if attempt.is_complete:
        return redirect("practice-attempt", pk=attempt.pk)
    all_steps = _steps(practice_catalogue(), attempt.observations)
    position = next((n for n, step in enumerate(all_steps) if step.id == theme), None)
    if position is None:
        raise Http404
    step = all_steps[position]
    form = PracticeThemeForm(
        request.POST or None, indicators=step.indicators, answers=attempt.observations
    )
    if request.method == "POST" and form.is_valid():
        services.save_answers(actor=user, attempt=attempt, observations=form.observations())
        if position + 1 < len(all_steps):
            return redirect("practice-theme", pk=attempt.pk, theme=all_steps[position + 1].id)
        return redirect("practice-attempt", pk=attempt.pk)
    context = {
        "attempt": attempt,
        "step": step,
        "position": position + 1,
        "total": len(all_steps),
        "rows": form.rows(_lang()),
        "form": form,
        **_story_context(found),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "practice/theme.html", context, status=status)


@login_required
def attempt_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _user, attempt, found = _attempt(request, pk)
    catalogue = practice_catalogue()
    lang = _lang()
    if not attempt.is_complete:
        context = {
            "attempt": attempt,
            "steps": _steps(catalogue, attempt.observations),
            "age": presenters.age_text(attempt),
            **_story_context(found),
        }
        return render(request, "practice/overview.html", context)
    assert attempt.evaluation is not None
    context = {
        "attempt": attempt,
        "situation": found,
        "explained": explain(catalogue, attempt.evaluation),
        "expected_label": presenters.RESULT_LABELS[found.expected_result],
        "result_label": presenters.RESULT_LABELS[attempt.result],
        "why": found.text("why", lang),
        "signs": presenters.signs(catalogue, found, attempt.observations, lang),
        "over_read": presenters.over_read(catalogue, attempt.over_read, attempt.observations, lang),
        "your_age": presenters.age_text(attempt),
        "situation_age": presenters.age_text(found),
        **_story_context(found),
    }
    return render(request, "practice/result.html", context)


@login_required
@require_POST
def attempt_complete(request: HttpRequest, pk: int) -> HttpResponse:
    user, attempt, found = _attempt(request, pk)
    if not attempt.is_complete:  # a second click shows the stored result
        services.complete_attempt(actor=user, attempt=attempt, situation=found)
    return redirect("practice-attempt", pk=attempt.pk)

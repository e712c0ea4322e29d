"""Screening pages: one theme at a time, save and continue later, an explained result."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from childpath.accounts.models import User
from childpath.cases.access import get_case_for_user
from childpath.cases.models import Case
from childpath.cases.services import record_read
from childpath.indicators.catalogue import Catalogue, Indicator
from childpath.screening import services
from childpath.screening.catalogue import catalogue_of, current_catalogue
from childpath.screening.explain import explain
from childpath.screening.forms import STATUS_CHOICES, AgeForm, ThemeForm
from childpath.screening.models import Screening

OTHER_THEME = "other"


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    indicators: list[Indicator]
    answered: int


def _lang() -> str:
    return (get_language() or "en").lower()


def steps(catalogue: Catalogue, screening: Screening) -> list[Step]:
    """The catalogue's themes in order; indicators without a theme come last."""
    lang = _lang()
    groups = [(t.id, t.title_for(lang), list(catalogue.in_theme(t.id))) for t in catalogue.themes]
    loose = list(catalogue.in_theme(None))
    if loose:
        groups.append((OTHER_THEME, _("Other signs"), loose))
    answered = screening.observations
    return [
        Step(id=id_, title=title, indicators=items, answered=sum(i.id in answered for i in items))
        for id_, title, items in groups
        if items
    ]


def _context(request: HttpRequest, reference: str, pk: int) -> tuple[User, Case, Screening]:
    user = request.user
    assert isinstance(user, User)
    if not user.may_see_cases:
        raise PermissionDenied
    case = get_case_for_user(user, reference)
    screening = get_object_or_404(Screening, case=case, pk=pk)
    return user, case, screening


@login_required
@require_POST
def screening_new(request: HttpRequest, reference: str) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    if not user.may_see_cases:
        raise PermissionDenied
    case = get_case_for_user(user, reference)
    screening = services.start_screening(actor=user, case=case)
    return redirect("screening-age", reference=case.reference, pk=screening.pk)


@login_required
def screening_detail(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    user, case, screening = _context(request, reference, pk)
    # The notes can name people: reading them is audited like the identity.
    record_read(actor=user, case=case, fields=("screening",))
    catalogue = current_catalogue()
    if screening.is_complete:
        assert screening.evaluation is not None
        # In the words of the version it was made with (DESIGN.md rule 7).
        own = catalogue_of(screening.catalogue_version)
        context = {
            "case": case,
            "screening": screening,
            "explained": explain(own, screening.evaluation),
            "answers": _answers(own, screening),
            "catalogue_changed": screening.catalogue_version != catalogue.version,
            "current_version": catalogue.version,
        }
        return render(request, "screening/result.html", context)
    context = {
        "case": case,
        "screening": screening,
        "steps": steps(catalogue, screening),
        "counts": services.answers_summary(screening),
        "catalogue_version": catalogue.version,
    }
    return render(request, "screening/overview.html", context)


@login_required
def screening_age(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    user, case, screening = _context(request, reference, pk)
    if screening.is_complete:
        return redirect("screening-detail", reference=case.reference, pk=screening.pk)
    initial = {
        "age_at_exploitation": screening.age_at_exploitation,
        "age_uncertain": screening.age_uncertain,
    }
    form = AgeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        age = (form.cleaned_data["age_at_exploitation"], form.cleaned_data["age_uncertain"])
        screening = services.save_answers(actor=user, screening=screening, age=age)
        first = steps(current_catalogue(), screening)[0]
        return redirect(
            "screening-theme", reference=case.reference, pk=screening.pk, theme=first.id
        )
    status = 400 if request.method == "POST" else 200
    context = {"case": case, "screening": screening, "form": form}
    return render(request, "screening/age.html", context, status=status)


@login_required
def screening_theme(request: HttpRequest, reference: str, pk: int, theme: str) -> HttpResponse:
    user, case, screening = _context(request, reference, pk)
    if screening.is_complete:
        return redirect("screening-detail", reference=case.reference, pk=screening.pk)
    all_steps = steps(current_catalogue(), screening)
    position = next((n for n, step in enumerate(all_steps) if step.id == theme), None)
    if position is None:
        raise Http404
    step = all_steps[position]
    if request.method != "POST":
        # The page shows the saved notes, which can name people.
        record_read(actor=user, case=case, fields=("screening",))
    form = ThemeForm(request.POST or None, indicators=step.indicators, screening=screening)
    if request.method == "POST" and form.is_valid():
        screening = services.save_answers(
            actor=user, screening=screening, observations=form.observations(), notes=form.notes()
        )
        if "later" in request.POST:
            messages.success(request, _("Saved. You can continue this screening later."))
            return redirect("case-detail", reference=case.reference)
        if position + 1 < len(all_steps):
            following = all_steps[position + 1].id
            return redirect(
                "screening-theme", reference=case.reference, pk=screening.pk, theme=following
            )
        return redirect("screening-detail", reference=case.reference, pk=screening.pk)
    context = {
        "case": case,
        "screening": screening,
        "step": step,
        "position": position + 1,
        "total": len(all_steps),
        "form": form,
        "rows": form.rows(_lang()),
    }
    return render(
        request, "screening/theme.html", context, status=400 if request.method == "POST" else 200
    )


@login_required
@require_POST
def screening_complete(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    user, case, screening = _context(request, reference, pk)
    # A second click on a slow connection shows the stored result instead of an error.
    if not screening.is_complete:
        services.complete_screening(actor=user, screening=screening)
    return redirect("screening-detail", reference=case.reference, pk=screening.pk)


@login_required
@require_POST
def screening_rescreen(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """A new screening with the current catalogue, starting from this one's answers."""
    user, case, previous = _context(request, reference, pk)
    try:
        screening = services.rescreen(actor=user, previous=previous)
    except ValidationError as error:
        # An unfinished screening is carried on, not carried over: say so, change nothing.
        for message in error.messages:
            messages.error(request, message)
        return redirect("screening-detail", reference=case.reference, pk=previous.pk)
    messages.success(
        request,
        _(
            "A new screening with catalogue %(version)s has started from the earlier answers. "
            "Check each theme: new signs start unanswered."
        )
        % {"version": current_catalogue().version},
    )
    return redirect("screening-detail", reference=case.reference, pk=screening.pk)


def _answers(catalogue: Catalogue, screening: Screening) -> list[dict[str, str]]:
    """What was answered (other than "not seen"), in catalogue order, for the result page."""
    lang = _lang()
    labels = {key: str(label) for key, label in STATUS_CHOICES}
    texts = {indicator.id: indicator.text_for(lang) for indicator in catalogue.indicators}
    # Catalogue order first; an indicator a later catalogue dropped still shows, by its id,
    # because a stored screening keeps what was answered (DESIGN.md rule 7).
    order = [*texts, *sorted(set(screening.observations) - set(texts))]
    return [
        {
            "text": texts.get(indicator_id, indicator_id),
            "status": labels[screening.observations[indicator_id]],
            "note": screening.note_for(indicator_id),
        }
        for indicator_id in order
        if screening.observations.get(indicator_id, "not_observed") != "not_observed"
    ]

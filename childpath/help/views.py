"""The public help pages for children (no sign-in; DESIGN.md 6.10) and the feedback form.

Every page here is rendered in the language of its address, /help/<lang>/, never from a cookie,
the session or the browser's Accept-Language; notrace.NoTraceMiddleware keeps cookies out.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from childpath.help import codes, languages, ratelimit, selectors, services
from childpath.help.forms import QUESTION_LABELS, FeedbackForm
from childpath.help.models import Place
from childpath.help.needs import BY_CODE, NEEDS
from childpath.rights import childinfo

DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather"
View = Callable[..., HttpResponse]


def exit_url() -> str:
    return str(getattr(settings, "HELP_EXIT_URL", "") or DEFAULT_EXIT_URL)


def _child_helpline_name() -> str:
    """Who answers 116 111 in this country (rights/helplines/<country>.yaml), if known."""
    for line in childinfo.helplines(getattr(settings, "CHILDPATH_COUNTRY", None)):
        if line.kind == "child_helpline" and line.phone.replace(" ", "") == "116111":
            return line.name
    return ""


def _base(lang: str) -> dict[str, Any]:
    return {
        "lang": lang,
        "languages": languages.choices(),
        "exit_url": exit_url(),
        "helpline_name": _child_helpline_name(),
    }


def in_language(view: View) -> View:
    """The view runs and renders in the language of the address; 404 for any other."""

    @wraps(view)
    def wrapped(request: HttpRequest, lang: str, *args: Any, **kwargs: Any) -> HttpResponse:
        if lang not in languages.CODES:
            raise Http404
        with translation.override(lang):
            response = view(request, lang, *args, **kwargs)
        response["Content-Language"] = lang
        return response

    return wrapped


def _render(
    request: HttpRequest, template: str, lang: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    return render(request, template, _base(lang) | context, status=status)


@require_safe
def choose(request: HttpRequest) -> HttpResponse:
    """The first screen: the languages, each named in itself."""
    with translation.override("en"):
        response = render(request, "help/choose.html", _base("en") | {"target": "home"})
    return response


@require_safe
def feedback_choose(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("code", "")[:20]
    with translation.override("en"):
        return render(
            request, "help/choose.html", _base("en") | {"target": "feedback", "code_given": code}
        )


@require_safe
@in_language
def home(request: HttpRequest, lang: str) -> HttpResponse:
    return _render(
        request,
        "help/home.html",
        lang,
        {
            "needs": NEEDS,
            "helplines": selectors.helplines(lang),
            "local": selectors.local_texts(Place.HOME, lang),
        },
    )


def _point(request: HttpRequest, known: list[selectors.Place]) -> tuple[Any, Any]:
    """The place chosen from the list, or a shared point rounded to about a kilometre."""
    key = request.GET.get("place", "")
    for place in known:
        if place.key == key:
            return place, place.point
    try:
        lat, lon = float(request.GET["lat"]), float(request.GET["lon"])
    except (KeyError, ValueError):
        return None, None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None, None
    return "shared", (round(lat, 2), round(lon, 2))


@require_safe
@in_language
def need(request: HttpRequest, lang: str, code: str) -> HttpResponse:
    chosen = BY_CODE.get(code)
    if chosen is None:
        raise Http404
    known = selectors.places()
    place, point = _point(request, known)
    found = selectors.services_for(chosen, point)
    local = selectors.local_texts(Place.NEEDS, lang)
    if chosen.code == "online":
        local += selectors.local_texts(Place.ONLINE, lang)
    return _render(
        request,
        "help/need.html",
        lang,
        {
            "need": chosen,
            "places": known,
            "place": place,
            "found": found,
            "helplines": selectors.helplines(lang),
            "local": local,
        },
    )


@require_safe
@in_language
def staying_safe(request: HttpRequest, lang: str) -> HttpResponse:
    return _render(
        request, "help/safe.html", lang, {"local": selectors.local_texts(Place.SAFE, lang)}
    )


def _address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


def _feedback_page(
    request: HttpRequest, lang: str, form: FeedbackForm, problem: str = "", status: int = 200
) -> HttpResponse:
    return _render(
        request,
        "help/feedback.html",
        lang,
        {
            "form": form,
            "problem": problem,
            "questions": form.question_fields(),
            "labels": QUESTION_LABELS,
            "local": selectors.local_texts(Place.FEEDBACK, lang),
        },
        status=status,
    )


# No CSRF token: it would need a cookie (DESIGN.md 6.10), and the form has nothing to forge;
# it acts for nobody signed in, and a valid one-time code is its only key.
@csrf_exempt
@require_http_methods(["GET", "POST"])
@in_language
def feedback(request: HttpRequest, lang: str) -> HttpResponse:
    if request.method == "GET":
        form = FeedbackForm(initial={"code": request.GET.get("code", "")[:20]})
        return _feedback_page(request, lang, form)
    form = FeedbackForm(request.POST)
    code = request.POST.get("code", "")[:40]
    if not ratelimit.allow(code=codes.normalise(code), address=_address(request)):
        return _feedback_page(request, lang, form, problem="flood", status=429)
    if not form.is_valid():
        return _feedback_page(request, lang, form, status=400)
    answers = services.Answers(
        faces={name: form.cleaned_data.get(name) for name in QUESTION_LABELS},
        would_help=form.cleaned_data["would_help"],
        language=lang,
    )
    try:
        services.submit_feedback(code=form.cleaned_data["code"], answers=answers)
    except services.FeedbackRefused as refused:
        return _feedback_page(request, lang, form, problem=refused.reason, status=400)
    except (ValueError, ValidationError):
        return _feedback_page(request, lang, form, problem="invalid", status=400)
    return redirect("help-feedback-thanks", lang=lang)


@require_safe
@in_language
def feedback_thanks(request: HttpRequest, lang: str) -> HttpResponse:
    return _render(request, "help/thanks.html", lang, {})

"""Practice API: the situations, and a practice screening evaluated with its feedback."""

from typing import Any

from django.http import Http404
from django.utils import translation
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from childpath.practice import presenters, selectors, services
from childpath.practice.access import practitioner
from childpath.practice.catalogue import practice_catalogue, situation, situations
from childpath.screening.serializers import EvaluateSerializer


def _language(request: Request) -> str:
    requested = request.query_params.get("lang") or translation.get_language() or "en"
    try:
        return translation.get_supported_language_variant(requested.lower())
    except LookupError:
        return "en"


@extend_schema(
    parameters=[OpenApiParameter("lang", str, description="Language code; else Accept-Language.")],
    responses={200: dict},
)
@api_view(["GET"])
def situations_view(request: Request) -> Response:
    """Every practice situation (the story, not the expected answers) and the user's progress."""
    user = practitioner(request.user)
    lang = _language(request)
    catalogue = practice_catalogue()
    latest = selectors.latest_by_situation(user)
    progress = selectors.own_progress(user)
    return Response(
        {
            "language": lang,
            "catalogue_version": catalogue.version,
            "progress": {
                "situations_done": progress.done,
                "attempts": progress.attempts,
                "agreeing": progress.agreeing,
            },
            "situations": [
                {
                    "id": s.id,
                    "title": s.text("title", lang),
                    "story": s.text("story", lang),
                    "tags": sorted(s.tags - presenters.HIDDEN_TAGS),
                    "done": s.id in latest,
                    "latest_agrees": latest[s.id].agrees if s.id in latest else None,
                }
                for s in situations()
            ],
        }
    )


@extend_schema(request=EvaluateSerializer, responses={201: dict, 400: dict, 404: dict})
@api_view(["POST"])
def attempts_view(request: Request, situation_id: str) -> Response:
    """Screen a situation in one step: the engine's result, then the feedback."""
    user = practitioner(request.user)
    found = situation(situation_id)
    if found is None:
        raise Http404
    payload = EvaluateSerializer(data=request.data)
    payload.is_valid(raise_exception=True)
    attempt, evaluation = services.attempt_at_once(
        actor=user, situation=found, **payload.validated_data
    )
    lang = _language(request)
    catalogue = practice_catalogue()
    signs = presenters.signs(catalogue, found, attempt.observations, lang)
    body: dict[str, Any] = {
        "attempt": attempt.pk,
        "situation": found.id,
        "catalogue_version": attempt.catalogue_version,
        "result": attempt.result,
        "evaluation": evaluation.as_dict(),
        "feedback": {
            "expected_result": found.expected_result,
            "agrees": attempt.agrees,
            "why": found.text("why", lang),
            "expected_age_at_exploitation": found.age,
            "expected_age_uncertain": found.age_uncertain,
            "missed": [
                {"id": s.id, "text": s.text, "explore": s.explore} for s in signs if s.missed
            ],
            "over_read": [
                {"id": s.id, "text": s.text, "not_meaning": s.not_meaning}
                for s in presenters.over_read(
                    catalogue, attempt.over_read, attempt.observations, lang
                )
            ],
            "how_to_ask": [{"id": s.id, "explore": s.explore} for s in signs],
        },
    }
    return Response(body, status=status.HTTP_201_CREATED)

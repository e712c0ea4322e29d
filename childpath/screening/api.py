"""The indicator catalogue, stateless evaluation, and the screenings of a case."""

from typing import Any

from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from childpath.cases.access import case_user, get_case_for_user
from childpath.cases.services import record_read
from childpath.indicators.catalogue import (
    Catalogue,
    load_changelog,
    published_versions,
)
from childpath.screening import services
from childpath.screening.catalogue import catalogue_of, current_catalogue
from childpath.screening.models import Screening
from childpath.screening.serializers import (
    EvaluateSerializer,
    EvaluationSerializer,
    ScreeningCreateSerializer,
    ScreeningSerializer,
)


def _catalogue_data(catalogue: Catalogue, lang: str) -> dict[str, Any]:
    def text(texts: Any) -> str:
        return str(texts.get(lang) or texts["en"])

    return {
        "version": catalogue.version,
        "country": catalogue.country,
        "extension_version": catalogue.extension_version,
        "language": lang,
        "dimensions": {key: text(value) for key, value in catalogue.dimensions.items()},
        "sets": {key: text(value) for key, value in catalogue.sets.items()},
        "themes": [{"id": t.id, "title": t.title_for(lang)} for t in catalogue.themes],
        "sources": {key: {"title": s.title, "url": s.url} for key, s in catalogue.sources.items()},
        "indicators": [
            {
                "id": i.id,
                "set": i.set,
                "dimension": i.dimension,
                "strength": i.strength,
                "child_sufficient": i.child_sufficient,
                "form": i.form,
                "theme": i.theme,
                "source": i.source,
                "extension": i.extension,
                "text": i.text_for(lang),
                "explore": i.explore_for(lang),
                "not_meaning": i.not_meaning_for(lang),
            }
            for i in catalogue.indicators
        ],
    }


def _language(request: Request) -> str:
    requested = request.query_params.get("lang") or translation.get_language() or "en"
    # Only the languages this instance offers (settings.LANGUAGES); "sv-SE" means "sv".
    # check_for_language() would also accept any language Django itself is translated into.
    try:
        return translation.get_supported_language_variant(requested.lower())
    except LookupError:
        return "en"


@extend_schema(
    parameters=[
        OpenApiParameter("lang", str, description="Language code, e.g. sv; else Accept-Language."),
        OpenApiParameter(
            "version",
            str,
            description="A published version (see /indicators/versions); else the current one.",
        ),
    ],
    responses={200: dict, 404: dict},
)
@api_view(["GET"])
def catalogue_view(request: Request) -> Response:
    """The current catalogue, or any published version, in the language asked for."""
    lang = _language(request)
    version = request.query_params.get("version")
    if version is None:
        return Response(_catalogue_data(current_catalogue(), lang))
    if version not in published_versions():
        raise NotFound(_("No published catalogue has this version."))
    return Response(_catalogue_data(catalogue_of(version), lang))


@extend_schema(
    parameters=[OpenApiParameter("lang", str, description="Language of the summaries.")],
    responses={200: dict},
)
@api_view(["GET"])
def versions_view(request: Request) -> Response:
    """Every published catalogue version, newest first, with its change log."""
    lang = _language(request)
    current = current_catalogue().version
    return Response(
        {
            "current": current,
            "language": lang,
            "versions": [
                {
                    "version": entry.version,
                    "published": entry.published,
                    "current": entry.version == current,
                    "summary": entry.summary_for(lang),
                    "changes": entry.changes_for(lang),
                }
                for entry in load_changelog()
            ],
        }
    )


@extend_schema(request=EvaluateSerializer, responses={200: EvaluationSerializer})
@api_view(["POST"])
def evaluate_view(request: Request) -> Response:
    """Evaluate observations without storing anything."""
    payload = EvaluateSerializer(data=request.data)
    payload.is_valid(raise_exception=True)
    evaluation = services.run_engine(current_catalogue(), **payload.validated_data)
    return Response(evaluation.as_dict())


@extend_schema(methods=["GET"], responses={200: ScreeningSerializer(many=True)})
@extend_schema(
    methods=["POST"], request=ScreeningCreateSerializer, responses={201: ScreeningSerializer}
)
@api_view(["GET", "POST"])
def case_screenings(request: Request, reference: str) -> Response:
    """A case's screenings; POST screens and completes in one step."""
    user = case_user(request)
    case = get_case_for_user(user, reference)
    if request.method == "POST":
        payload = ScreeningCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        screening = services.screen_at_once(actor=user, case=case, **payload.validated_data)
        return Response(ScreeningSerializer(screening).data, status=status.HTTP_201_CREATED)
    screenings = case.screenings.select_related("case", "started_by", "organisation")  # type: ignore[attr-defined]
    record_read(actor=user, case=case, fields=("screening",))
    return Response(ScreeningSerializer(screenings, many=True).data)


@extend_schema(responses={200: ScreeningSerializer})
@api_view(["GET"])
def case_screening(request: Request, reference: str, pk: int) -> Response:
    user = case_user(request)
    case = get_case_for_user(user, reference)
    screening = get_object_or_404(Screening, case=case, pk=pk)
    record_read(actor=user, case=case, fields=("screening",))
    return Response(ScreeningSerializer(screening).data)

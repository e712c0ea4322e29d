from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from childpath.cases.api import CaseViewSet
from childpath.screening import api as screening_api

router = SimpleRouter(trailing_slash=False)
router.register("cases", CaseViewSet, basename="api-case")


urlpatterns = [
    # Before the router: "cases/search" is not a case reference.
    path("", include("childpath.cases.api_urls")),
    path("", include(router.urls)),
    path("indicators/catalogue", screening_api.catalogue_view, name="api-catalogue"),
    path("indicators/evaluate", screening_api.evaluate_view, name="api-evaluate"),
    path("indicators/versions", screening_api.versions_view, name="api-catalogue-versions"),
    path(
        "cases/<str:reference>/screenings",
        screening_api.case_screenings,
        name="api-case-screenings",
    ),
    path(
        "cases/<str:reference>/screenings/<int:pk>",
        screening_api.case_screening,
        name="api-case-screening",
    ),
    path("", include("childpath.jurisdiction.api_urls")),
    path("", include("childpath.identification.api_urls")),
    path("", include("childpath.age_assessment.api_urls")),
    path("", include("childpath.rights.api_urls")),
    path("", include("childpath.directory.api_urls")),
    path("", include("childpath.referrals.api_urls")),
    path("", include("childpath.exchange.api_urls")),
    path("", include("childpath.stats.api_urls")),
    path("", include("childpath.practice.api_urls")),
    path("", include("childpath.signin.api_urls")),
    path("", include("childpath.auditing.api_urls")),
    path("", include("childpath.matching.api_urls")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]

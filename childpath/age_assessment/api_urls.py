"""API of the age_assessment app, under /api/v1/."""

from django.urls import URLPattern, URLResolver, path

from childpath.age_assessment.api import CaseAgeAssessments

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "cases/<str:reference>/age-assessments",
        CaseAgeAssessments.as_view(),
        name="api-case-age-assessments",
    ),
]

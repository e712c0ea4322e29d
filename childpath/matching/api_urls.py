"""API of the matching app, under /api/v1/matching/."""

from django.urls import URLPattern, URLResolver, path

from childpath.matching import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("matching/duplicates", api.duplicates, name="api-matching-duplicates"),
    path(
        "matching/duplicates/<int:pk>/decision",
        api.decide,
        name="api-matching-duplicate-decision",
    ),
    path(
        "matching/cases/<str:reference>/queries",
        api.case_queries,
        name="api-matching-case-queries",
    ),
]

"""API of the identification app, under /api/v1/."""

from django.urls import URLPattern, URLResolver, path

from childpath.identification import api

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "cases/<str:reference>/identifications",
        api.case_identifications,
        name="api-case-identifications",
    ),
]

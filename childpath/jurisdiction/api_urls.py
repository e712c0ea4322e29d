"""API of the jurisdiction app, under /api/v1/."""

from django.urls import URLPattern, URLResolver, path

from childpath.jurisdiction import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("jurisdiction", api.jurisdiction_view, name="api-jurisdiction"),
]

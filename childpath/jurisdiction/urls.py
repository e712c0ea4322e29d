"""Pages of the jurisdiction app."""

from django.urls import URLPattern, URLResolver, path

from childpath.jurisdiction import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.profile_page, name="jurisdiction"),
]

"""Pages of the directory app."""

from django.urls import URLPattern, URLResolver, path

from childpath.directory import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.directory_search, name="directory-search"),
    path("services/<uuid:pk>/", views.service_detail, name="directory-service"),
]

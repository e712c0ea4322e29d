"""API of the rights app, under /api/v1/."""

from django.urls import URLPattern, URLResolver, path

from childpath.rights import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("cases/<str:reference>/rights", api.case_rights_view, name="api-case-rights"),
    path(
        "cases/<str:reference>/information-deliveries",
        api.information_deliveries,
        name="api-case-information-deliveries",
    ),
    path(
        "cases/<str:reference>/rights/<str:code>/provisions",
        api.RightProvisions.as_view(),
        name="api-case-right-provisions",
    ),
]

"""Pages of the statistics under /statistics/."""

from django.urls import URLPattern, URLResolver, path

from childpath.stats import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="stats"),
    path("tables/<str:name>/", views.table_detail, name="stats-table"),
    path("indicators/", views.indicators, name="stats-indicators"),
    path("overview/", views.overview, name="stats-overview"),
    path("releases/", views.release_list, name="stats-releases"),
    path("releases/<uuid:release_id>/", views.release_detail, name="stats-release"),
    path(
        "releases/<uuid:release_id>/download.<str:fmt>",
        views.release_download,
        name="stats-release-download",
    ),
    path("combine/", views.combine, name="stats-combine"),
]

"""API of the statistics, under /api/v1/statistics/."""

from django.urls import URLPattern, URLResolver, path

from childpath.stats import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("statistics/tables", api.table_list, name="api-stats-tables"),
    path("statistics/tables/<str:name>", api.table_detail, name="api-stats-table"),
    path("statistics/indicators", api.indicator_list, name="api-stats-indicators"),
    path("statistics/releases", api.release_list, name="api-stats-releases"),
    path("statistics/releases/<uuid:release_id>", api.release_download, name="api-stats-release"),
]

from django.urls import path

from childpath.practice import api

urlpatterns = [
    path("practice/situations", api.situations_view, name="api-practice-situations"),
    path(
        "practice/situations/<slug:situation_id>/attempts",
        api.attempts_view,
        name="api-practice-attempts",
    ),
]

"""API of the cases app beside the case viewset (api_urls.py): the team, and the search."""

from django.urls import URLPattern, URLResolver, path

from childpath.cases import api, team_api

urlpatterns: list[URLPattern | URLResolver] = [
    path("cases/search", api.case_search, name="api-case-search"),
    path("cases/<str:reference>/team", team_api.case_team, name="api-case-team"),
    path(
        "cases/<str:reference>/team/<int:member_id>",
        team_api.case_team_member,
        name="api-case-team-member",
    ),
    path("cases/<str:reference>/lead", team_api.case_lead, name="api-case-lead"),
]

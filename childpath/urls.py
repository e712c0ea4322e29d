from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.views.generic import RedirectView

from childpath import views
from childpath.auditing import views as auditing_views
from childpath.cases import views as case_views

handler404 = "childpath.lib.api.not_found"

admin.site.site_header = "Childpath"
admin.site.site_title = "Childpath"

case_patterns: list[URLPattern | URLResolver] = [
    path("", case_views.case_list, name="case-list"),
    path("new/", case_views.case_new, name="case-new"),
    path("<str:reference>/", case_views.case_detail, name="case-detail"),
    path("<str:reference>/edit/", case_views.case_edit, name="case-edit"),
    path("<str:reference>/encounter/", case_views.case_encounter, name="case-encounter"),
    path("<str:reference>/team/", case_views.case_team, name="case-team"),
    path("<str:reference>/screenings/", include("childpath.screening.urls")),
    path("<str:reference>/identification/", include("childpath.identification.urls")),
    path("<str:reference>/age/", include("childpath.age_assessment.urls")),
    path("<str:reference>/rights/", include("childpath.rights.urls")),
    path("<str:reference>/referrals/", include("childpath.referrals.case_urls")),
    path("<str:reference>/cross-border/", include("childpath.exchange.case_urls")),
    path("<str:reference>/feedback-code/", include("childpath.help.case_urls")),
    path(
        "<str:reference>/team/<int:member_id>/remove/",
        case_views.case_team_remove,
        name="case-team-remove",
    ),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("cases/", include(case_patterns)),
    path("directory/", include("childpath.directory.urls")),
    path("pathways/", include("childpath.referrals.urls")),
    path("jurisdiction/", include("childpath.jurisdiction.urls")),
    path("practice/", include("childpath.practice.urls")),
    path("accounts/session", views.session_status, name="session-status"),
    path(
        "accounts/enrol/<uidb64>/<token>/",
        auditing_views.EnrolView.as_view(),
        name="account-enrol",
    ),
    path("federation/", include("childpath.exchange.urls")),
    path("matching/", include("childpath.matching.urls")),
    path("statistics/", include("childpath.stats.urls")),
    path("accounts/", include("childpath.signin.urls")),
    path("audit/", include("childpath.auditing.urls")),
    path("administration/", include("childpath.administration.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # The administration signs in through the two-factor sign-in too.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
    path("api/v1/", include("childpath.api_urls")),
    path("help/", include("childpath.help.urls")),
    path("feedback/", include("childpath.help.staff_urls")),
    # The fictional demo's own pages (404 on any other instance).
    path("demo/", include("childpath.demo.urls")),
]

"""The administration pages, under /administration/."""

from django.urls import URLPattern, URLResolver, path

from childpath.administration.views import accounts, directory, home, imports, organisations

urlpatterns: list[URLPattern | URLResolver] = [
    path("", home.home, name="administration-home"),
    path("profile/", home.profile, name="administration-profile"),
    path("organisations/", organisations.organisation_list, name="administration-organisations"),
    path(
        "organisations/new/",
        organisations.organisation_edit,
        name="administration-organisation-new",
    ),
    path(
        "organisations/<uuid:pk>/",
        organisations.organisation_edit,
        name="administration-organisation",
    ),
    path(
        "organisations/<uuid:pk>/deactivate/",
        organisations.organisation_deactivate,
        name="administration-organisation-deactivate",
    ),
    path("users/", accounts.user_list, name="administration-users"),
    path("users/invite/", accounts.user_invite, name="administration-user-invite"),
    path("users/<str:username>/", accounts.user_edit, name="administration-user"),
    path(
        "users/<str:username>/deactivate/",
        accounts.user_deactivate,
        name="administration-user-deactivate",
    ),
    path(
        "users/<str:username>/reactivate/",
        accounts.user_reactivate,
        name="administration-user-reactivate",
    ),
    path(
        "users/<str:username>/password-link/",
        accounts.user_password_link,
        name="administration-user-password-link",
    ),
    path(
        "users/<str:username>/two-factor-reset/",
        accounts.user_two_factor_reset,
        name="administration-user-two-factor",
    ),
    path("services/", directory.service_list, name="administration-services"),
    path("services/new/", directory.service_edit, name="administration-service-new"),
    path("services/<uuid:pk>/", directory.service_edit, name="administration-service"),
    path(
        "services/<uuid:pk>/retire/",
        directory.service_retire,
        name="administration-service-retire",
    ),
    path("imports/", imports.import_upload, name="administration-import-upload"),
    path("imports/<uuid:job_id>/", imports.import_job, name="administration-import"),
    path(
        "imports/<uuid:job_id>/status/",
        imports.import_status,
        name="administration-import-status",
    ),
]

from django.urls import path

from childpath.signin import profile, views

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/code/", views.code_view, name="signin-code"),
    path("login/enrol/", views.enrol_view, name="signin-enrol"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("profile/", profile.profile_view, name="account-profile"),
    path("two-factor/", views.devices_view, name="signin-devices"),
    path("two-factor/add/", views.enrol_view, name="signin-add"),
    path("two-factor/reset/", views.reset_view, name="signin-reset"),
    path("two-factor/recovery-codes/", views.recovery_codes_view, name="signin-recovery-codes"),
    path("two-factor/<int:device_id>/remove/", views.device_remove, name="signin-device-remove"),
    path(
        "two-factor/tokens/<str:token_id>/revoke/", views.token_revoke, name="signin-token-revoke"
    ),
]

from django.urls import path

from childpath.signin import passkey_views, profile, views

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/code/", views.code_view, name="signin-code"),
    path("login/enrol/", views.enrol_view, name="signin-enrol"),
    path(
        "login/passkey/begin/",
        passkey_views.AuthenticationBegin.as_view(),
        name="signin-passkey-begin",
    ),
    path(
        "login/passkey/complete/",
        passkey_views.AuthenticationComplete.as_view(),
        name="signin-passkey-complete",
    ),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("profile/", profile.profile_view, name="account-profile"),
    path("two-factor/", views.devices_view, name="signin-devices"),
    path("two-factor/add/", views.enrol_view, name="signin-add"),
    path("two-factor/reset/", views.reset_view, name="signin-reset"),
    path("two-factor/recovery-codes/", views.recovery_codes_view, name="signin-recovery-codes"),
    path("two-factor/<int:device_id>/remove/", views.device_remove, name="signin-device-remove"),
    path(
        "two-factor/passkeys/begin/",
        passkey_views.RegistrationBegin.as_view(),
        name="signin-passkey-register-begin",
    ),
    path(
        "two-factor/passkeys/complete/",
        passkey_views.RegistrationComplete.as_view(),
        name="signin-passkey-register-complete",
    ),
    path(
        "two-factor/passkeys/<int:device_id>/remove/",
        passkey_views.passkey_remove,
        name="signin-passkey-remove",
    ),
    path(
        "two-factor/tokens/<str:token_id>/revoke/", views.token_revoke, name="signin-token-revoke"
    ),
]

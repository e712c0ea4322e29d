from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigninConfig(AppConfig):
    """Signing in with two factors, API tokens, throttling and lockout (DESIGN.md section 7).

    The models are django-otp's (TOTP and recovery-code devices) and django-rest-knox's
    (hashed, expiring tokens); this app owns the flow, the pages, the API and the audit.
    """

    name = "childpath.signin"
    verbose_name = _("Sign-in")

    def ready(self) -> None:
        from childpath.lib import slots
        from childpath.signin import profile, receivers  # noqa: F401  (connects the receivers)

        slots.register("nav", name="profile", order=97, context=profile.nav_profile)

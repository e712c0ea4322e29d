from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JurisdictionConfig(AppConfig):
    name = "childpath.jurisdiction"
    verbose_name = _("Jurisdiction profile")

    def ready(self) -> None:
        # Registers the system check that validates the active profile at start.
        from childpath.jurisdiction import active  # noqa: F401

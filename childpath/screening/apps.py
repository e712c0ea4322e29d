from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningConfig(AppConfig):
    name = "childpath.screening"
    verbose_name = _("Screening")

    def ready(self) -> None:
        # Registers the screening sentences of the case timeline.
        from childpath.screening import timeline  # noqa: F401

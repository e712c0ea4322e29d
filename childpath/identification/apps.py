from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentificationConfig(AppConfig):
    name = "childpath.identification"
    verbose_name = _("Identification")

    def ready(self) -> None:
        from childpath.identification import sections, services, timeline  # noqa: F401
        from childpath.lib import slots
        from childpath.screening.signals import screening_completed

        # A presumed-victim screening records the status at once, in its own transaction.
        screening_completed.connect(
            services.on_screening_completed, dispatch_uid="identification.screening_outcome"
        )
        slots.register(
            "case",
            name="identification",
            order=10,
            template="identification/section.html",
            context=sections.case_section,
        )

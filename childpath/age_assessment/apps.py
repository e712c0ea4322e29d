from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgeAssessmentConfig(AppConfig):
    name = "childpath.age_assessment"
    verbose_name = _("Age assessment")

    def ready(self) -> None:
        from childpath.age_assessment import (
            receivers,
            sections,
            timeline,  # noqa: F401  (registers the sentences)
        )
        from childpath.lib import slots

        receivers.connect()
        slots.register(
            "case",
            name="age",
            order=20,
            template="age_assessment/section.html",
            context=sections.case_section,
        )
        slots.register(
            "home",
            name="turning_18",
            order=20,
            template="age_assessment/home_card.html",
            context=sections.home_card,
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgeAssessmentConfig(AppConfig):
    name = "childpath.age_assessment"
    verbose_name = _("Age assessment")

    def ready(self) -> None:
        from childpath.age_assessment import (
            filters,
            receivers,
            sections,
            timeline,  # noqa: F401  (registers the sentences)
        )
        from childpath.lib import slots

        receivers.connect()
        # The case list's filter (the entry's name is the query parameter).
        slots.register("case_filter", name="turning_18", order=40, context=filters.case_filter)
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

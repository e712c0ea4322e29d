from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningConfig(AppConfig):
    name = "childpath.screening"
    verbose_name = _("Screening")

    def ready(self) -> None:
        # Registers the screening sentences of the case timeline.
        from childpath.lib import slots
        from childpath.screening import filters, sections, timeline  # noqa: F401

        # The case list's filter (the entry's name is the query parameter).
        slots.register("case_filter", name="screening", order=20, context=filters.case_filter)
        slots.register(
            "case",
            name="screening-version",
            order=5,
            template="screening/case_section.html",
            context=sections.case_section,
        )
        slots.register(
            "rules",
            name="catalogue-changes",
            order=10,
            template="screening/rules_section.html",
            context=sections.rules_section,
        )

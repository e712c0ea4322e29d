from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "childpath.stats"
    verbose_name = _("Statistics")

    def ready(self) -> None:
        from childpath.lib import slots
        from childpath.stats import receivers, sections

        receivers.connect()
        slots.register("nav", name="statistics", order=80, context=sections.nav)
        slots.register(
            "home",
            name="statistics",
            order=5,
            context=sections.home,
            template="stats/home_card.html",
        )

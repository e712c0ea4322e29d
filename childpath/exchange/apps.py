from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "childpath.exchange"
    verbose_name = _("Transnational exchange")

    def ready(self) -> None:
        from childpath.exchange import handlers, matchquery, sections, timeline  # noqa: F401

        sections.register()
        # Match queries of childpath.matching travel as federation messages.
        matchquery.register()

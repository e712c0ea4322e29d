from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "childpath.exchange"
    verbose_name = _("Transnational exchange")

    def ready(self) -> None:
        from childpath.exchange import (  # noqa: F401
            handlers,
            matchquery,
            peer_keys,
            sections,
            timeline,
        )

        sections.register()
        # The statistics app checks peers' releases against the federation's key registry.
        peer_keys.register()
        # Match queries of childpath.matching travel as federation messages.
        matchquery.register()

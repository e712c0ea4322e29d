from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "childpath.exchange"
    verbose_name = _("Transnational exchange")

    def ready(self) -> None:
        from childpath.exchange import handlers, peer_keys, sections, timeline  # noqa: F401

        sections.register()
        peer_keys.register()

from typing import Any

from django.apps import AppConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from childpath.lib.urls import path_of


def _menu_link(request: HttpRequest) -> dict[str, Any]:
    return {"url": path_of("jurisdiction"), "label": _("Rules")}


class JurisdictionConfig(AppConfig):
    name = "childpath.jurisdiction"
    verbose_name = _("Jurisdiction profile")

    def ready(self) -> None:
        # Registers the system check that validates the active profile at start.
        from childpath.jurisdiction import active  # noqa: F401
        from childpath.lib import slots

        slots.register("nav", name="jurisdiction", order=90, context=_menu_link)

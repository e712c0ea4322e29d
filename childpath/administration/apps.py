from typing import Any

from django.apps import AppConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from childpath.lib.urls import path_of


def _menu_link(request: HttpRequest) -> dict[str, Any] | None:
    from childpath.accounts.admin import is_administrator

    if not is_administrator(request.user):
        return None
    return {"url": path_of("administration-home"), "label": _("Administration")}


class AdministrationConfig(AppConfig):
    name = "childpath.administration"
    verbose_name = _("Administration")

    def ready(self) -> None:
        from childpath.lib import slots

        # Last in the menu, where the Django admin's link was.
        slots.register("nav", name="administration", order=99, context=_menu_link)

from typing import Any

from django.apps import AppConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from childpath.lib.urls import path_of


def _menu_link(request: HttpRequest) -> dict[str, Any] | None:
    """For the people who refer children to services; the pages themselves need only a login."""
    if not getattr(request.user, "may_see_cases", False):
        return None
    return {"url": path_of("directory-search"), "label": _("Service directory")}


class DirectoryConfig(AppConfig):
    name = "childpath.directory"
    verbose_name = _("Service directory")

    def ready(self) -> None:
        from childpath.lib import slots

        slots.register("nav", name="directory", order=30, context=_menu_link)

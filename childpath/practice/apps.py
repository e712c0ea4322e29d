from typing import Any

from django.apps import AppConfig
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def _menu_link(request: HttpRequest) -> dict[str, Any] | None:
    from childpath.practice.access import may_practise

    if not may_practise(request.user):
        return None
    return {"url": reverse("practice-index"), "label": _("Practice")}


class PracticeConfig(AppConfig):
    name = "childpath.practice"
    verbose_name = _("Practice")

    def ready(self) -> None:
        from childpath.lib import slots
        from childpath.practice import checks  # noqa: F401  (registers the system check)

        slots.register("nav", name="practice", order=80, context=_menu_link)

from typing import Any

from django.apps import AppConfig
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from childpath.lib.urls import path_of


def _menu_link(request: HttpRequest) -> dict[str, Any] | None:
    from childpath.practice.access import may_practise

    if not may_practise(request.user):
        return None
    return {"url": path_of("practice-index"), "label": _("Practice")}


def _home_card(request: HttpRequest) -> dict[str, Any] | None:
    from childpath.practice import selectors
    from childpath.practice.access import may_practise
    from childpath.practice.catalogue import situations

    if not may_practise(request.user):
        return None
    progress = selectors.own_progress(request.user)  # type: ignore[arg-type]
    return {"url": reverse("practice-index"), "done": progress.done, "total": len(situations())}


class PracticeConfig(AppConfig):
    name = "childpath.practice"
    verbose_name = _("Practice")

    def ready(self) -> None:
        from childpath.lib import slots
        from childpath.practice import checks  # noqa: F401  (registers the system check)

        slots.register("nav", name="practice", order=80, context=_menu_link)
        slots.register(
            "home",
            name="practice",
            order=80,
            context=_home_card,
            template="practice/home_card.html",
        )

from typing import Any

from django.apps import AppConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from childpath.lib.urls import path_of


def _menu_link(request: HttpRequest) -> dict[str, Any] | None:
    from childpath.help.staff import SEE_RESULTS

    if getattr(request.user, "role", None) not in SEE_RESULTS:
        return None
    return {"url": path_of("help-results"), "label": _("Children's feedback")}


class HelpConfig(AppConfig):
    name = "childpath.help"
    verbose_name = _("Help pages for children")

    def ready(self) -> None:
        from childpath.help import selectors, staff
        from childpath.lib import slots

        slots.register("nav", name="help", order=80, context=_menu_link)
        slots.register(
            "childinfo",
            name="help-feedback",
            order=10,
            template="help/childinfo_feedback.html",
            context=staff.childinfo_block,
        )
        # Children's feedback for the barrier indicators of the statistics app.
        slots.register(
            "statistics", name="help.feedback", order=10, context=selectors.feedback_statistics
        )

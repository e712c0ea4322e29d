from typing import Any

from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class RightsConfig(AppConfig):
    name = "childpath.rights"
    verbose_name = _("Rights and information")

    def ready(self) -> None:
        from childpath.lib import slots
        from childpath.rights import timeline  # noqa: F401  (registers the timeline sentences)
        from childpath.rights.views import case_section

        slots.register(
            "case",
            name="rights",
            order=30,
            template="rights/section.html",
            context=case_section,
        )
        checks.register(check_child_information)


def check_child_information(**kwargs: Any) -> list[checks.CheckMessage]:
    """Texts for children with a missing or empty entry stop the instance at start."""
    from childpath.rights.childinfo import check_all

    return [
        checks.Error(problem, hint="Fix childpath/rights/childinfo.", id="rights.E001")
        for problem in check_all()
    ]

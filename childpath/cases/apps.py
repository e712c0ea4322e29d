from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "childpath.cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from childpath.cases import changes

        changes.register()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "childpath.demo"
    verbose_name = _("Fictional demo")

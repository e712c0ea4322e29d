from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "childpath.demo"
    verbose_name = _("Fictional demo")

    def ready(self) -> None:
        from childpath.demo import views
        from childpath.lib import slots

        # A card that leads a tester to the e-mails the demo sent (nothing off the demo).
        slots.register(
            "home",
            name="demo-mail",
            order=99,
            context=views.home_mail,
            template="demo/home_mail.html",
        )

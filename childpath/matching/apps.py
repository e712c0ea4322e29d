from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "childpath.matching"
    verbose_name = _("Cross-border matching")

    def ready(self) -> None:
        from childpath.lib import slots
        from childpath.matching import sections

        slots.register(
            "case",
            name="matching",
            order=60,
            context=sections.case_section,
            template="matching/case_section.html",
        )
        slots.register("nav", name="duplicates", order=60, context=sections.nav_duplicates)
        slots.register(
            "home",
            name="duplicates",
            order=30,
            context=sections.home_duplicates,
            template="matching/home_duplicates.html",
        )
        from django.db.models.signals import post_save

        from childpath.cases.models import Identity
        from childpath.matching.signals import identity_saved

        post_save.connect(identity_saved, sender=Identity, dispatch_uid="matching-identity")

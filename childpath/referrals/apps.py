from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "childpath.referrals"
    verbose_name = _("Referrals and coordination")

    def ready(self) -> None:
        # Registers the referral sentences of the case timeline.
        from childpath.lib import slots
        from childpath.referrals import filters, sections, timeline  # noqa: F401

        # The case list's filter (the entry's name is the query parameter).
        slots.register("case_filter", name="overdue", order=30, context=filters.case_filter)
        slots.register(
            "case",
            name="referrals",
            order=40,
            context=sections.case_section,
            template="referrals/case_section.html",
        )
        slots.register(
            "home",
            name="pathways",
            order=10,
            context=sections.home_pathways,
            template="referrals/home_pathways.html",
        )
        slots.register(
            "home",
            name="incoming-referrals",
            order=11,
            context=sections.home_incoming,
            template="referrals/home_incoming.html",
        )
        slots.register("nav", name="pathways", order=40, context=sections.nav_pathways)
        slots.register("nav", name="incoming-referrals", order=41, context=sections.nav_incoming)
        slots.register("nav", name="notifications", order=95, context=sections.nav_notifications)

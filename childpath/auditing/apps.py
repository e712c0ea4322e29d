from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditingConfig(AppConfig):
    """The audited administration of accounts, and the auditor's view of the audit trail.

    Beside ``cases`` in the layers: it writes and reads the hash-chained audit (``audit``)
    about accounts (``accounts``), and never imports a case app.
    """

    name = "childpath.auditing"
    verbose_name = _("Oversight")

    def ready(self) -> None:
        from childpath.auditing import sections
        from childpath.lib import slots

        slots.register("nav", name="audit", order=90, context=sections.nav_audit)

"""Telling the national focal points: an e-mail when a message could not be delivered, sent
after the transaction commits. The failure itself stays on their home page and the
cross-border list until someone acts (DESIGN.md rule 9)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from childpath.accounts.models import Role, User
from childpath.exchange.models import OutboxMessage


def focal_points() -> list[User]:
    return list(
        User.objects.filter(
            role=Role.FOCAL_POINT, is_active=True, organisation__is_focal_point=True
        )
    )


def delivery_failed(message: OutboxMessage, *, state: str, reason: str) -> None:
    """Queue one e-mail per focal point, on commit; no contents, only references."""
    recipients = [user.email for user in focal_points() if user.email]
    if not recipients:
        return
    link = settings.CHILDPATH_BASE_URL.rstrip("/") + reverse("federation-home")
    subject = _("Childpath: a cross-border message was not delivered")
    body = _(
        "A message to %(peer)s (%(type)s) could not be delivered: %(reason)s.\n"
        "Case reference: %(reference)s.\nSee %(link)s"
    ) % {
        "peer": message.peer.name or message.peer.instance_id,
        "type": message.type,
        "reason": reason,
        "reference": message.case_reference or "-",
        "link": link,
    }
    mails = [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in recipients]
    transaction.on_commit(lambda: send_mass_mail(mails, fail_silently=True))

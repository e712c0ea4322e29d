"""Background tasks (django-tasks: DESIGN.md section 8). Enqueued only on commit."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from childpath.referrals import notifications
from childpath.referrals.models import Notification, NotificationKind

logger = logging.getLogger(__name__)


def _link(notification: Notification) -> str:
    base = str(settings.CHILDPATH_BASE_URL).rstrip("/")
    if notification.referral_id is None:
        return base + str(reverse("notifications"))
    return base + str(reverse("referral-detail", kwargs={"referral_id": notification.referral_id}))


def _body(notification: Notification) -> str:
    if notification.kind == NotificationKind.RECEIVED:
        invitation = _("Sign in to Childpath to read the referral and answer it:")
    elif notification.kind == NotificationKind.DECLINED:
        invitation = _("Sign in to Childpath to read the reason and choose what to do next:")
    else:
        invitation = _("Sign in to Childpath to see the referral and choose what to do next:")
    return "\n\n".join([notifications.text(notification), invitation, _link(notification)])


@task()
def email_notification(notification_id: int) -> bool:
    """E-mail one notification to its user, in the user's language. The mail names the case by
    its pseudonymous reference at most, never the child, and carries no free text about the
    child (DESIGN.md section 7); the details are behind sign-in. A failure to send is logged
    and changes nothing: the notification stays on screen."""
    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None or not notification.user.email:
        return False
    with translation.override(notification.user.mail_language):
        subject = notifications.email_subject(notification)
        body = _body(notification)
    try:
        send_mail(subject, body, None, [notification.user.email])
    except Exception:
        # The id only: the log carries no address and nothing about the case (DESIGN.md 7).
        logger.exception("notification e-mail not sent", extra={"notification": notification_id})
        return False
    return True

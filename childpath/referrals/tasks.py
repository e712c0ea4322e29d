"""Background tasks (django-tasks: DESIGN.md section 8). Enqueued only on commit."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from childpath.referrals import notifications
from childpath.referrals.models import Notification


@task()
def email_notification(notification_id: int) -> bool:
    """E-mail one notification to its user. The mail names the case by its pseudonymous
    reference only, never the child (DESIGN.md section 7); the details are behind sign-in."""
    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None or not notification.user.email:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        body = "\n\n".join(
            [
                notifications.text(notification),
                _("Sign in to Childpath to see the case and choose what to do next:"),
                settings.CHILDPATH_BASE_URL.rstrip("/") + reverse("notifications"),
            ]
        )
        subject = notifications.email_subject(notification)
    send_mail(subject, body, None, [notification.user.email])
    return True

"""In-app notifications to the coordinator, and their e-mail, sent only once the change that
caused them is committed (DESIGN.md 6.2)."""

from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from childpath.accounts.models import User
from childpath.referrals.models import Deadline, Notification, NotificationKind, Referral


def recipient(referral: Referral) -> User | None:
    """The lead professional receives the alerts (DESIGN.md section 3); without one, the person
    who sent the referral, so that an alert always reaches someone."""
    coordinator = referral.case.coordinator
    if coordinator is not None and coordinator.is_active:
        return coordinator
    sender = referral.sent_by
    return sender if sender is not None and sender.is_active else None


def create(
    *,
    user_id: int,
    email: str,
    kind: str,
    key: str,
    referral_id: UUID,
    case_reference: str,
    data: dict[str, Any],
) -> Notification:
    """One notification (unique by ``key``) and, on commit, its e-mail if the user has an
    address. Call inside the transaction of the change it reports."""
    notification = Notification.objects.create(
        user_id=user_id,
        kind=kind,
        key=key,
        referral_id=referral_id,
        case_reference=case_reference,
        data=data,
    )
    if email:
        from childpath.referrals.tasks import email_notification

        transaction.on_commit(lambda: email_notification.enqueue(notification.pk))
    return notification


def notify_coordinator(
    *, referral: Referral, kind: str, key: str, **data: Any
) -> Notification | None:
    """Notify the referral's coordinator (or sender) of ``kind``; see ``create``."""
    user = recipient(referral)
    if user is None:
        return None
    return create(
        user_id=user.pk,
        email=user.email,
        kind=kind,
        key=key,
        referral_id=referral.pk,
        case_reference=referral.case.reference,
        data={"service": referral.service_at_location.service.name, **data},
    )


def text(notification: Notification) -> str:
    """The notification as a sentence in the reader's language; names no child."""
    values = {
        "reference": notification.case_reference,
        "service": notification.data.get("service", ""),
    }
    if notification.kind == NotificationKind.OVERDUE:
        deadline = notification.data.get("deadline")
        if deadline == Deadline.ACKNOWLEDGE:
            return (
                _("Case %(reference)s: %(service)s has not acknowledged the referral in time.")
                % values
            )
        return _("Case %(reference)s: %(service)s has not answered the referral in time.") % values
    if notification.kind == NotificationKind.DECLINED:
        return (
            _("Case %(reference)s: %(service)s declined the referral. Choose another service.")
            % values
        )
    return notification.kind


def email_subject(notification: Notification) -> str:
    return _("Childpath: %(text)s") % {"text": text(notification)}


def when(notification: Notification) -> str:
    return date_format(notification.created_at, "SHORT_DATETIME_FORMAT")

"""In-app notifications and their e-mail, sent only once the change that caused them is
committed (DESIGN.md 6.2).

Who hears of what (DESIGN.md section 3):
- the receiving service, of every new referral: the people of the receiving organisation who
  handle incoming referrals;
- the case's coordinator (the lead professional) and the person who sent the referral, of
  every acceptance, every decline and every missed deadline.

A notification names the case by its pseudonymous reference (never for the receiver, who does
not see it) and never the child; its ``data`` holds non-identifying values only.
"""

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from childpath.accounts.models import ROLES_WITHOUT_CASES, Role, User
from childpath.referrals.models import (
    Deadline,
    Notification,
    NotificationKind,
    Referral,
    Urgency,
)

logger = logging.getLogger(__name__)

# The roles of a receiving organisation that handle its incoming referrals. Without any of
# them, everyone there who works with cases is told, so that a referral always reaches someone.
HANDLES_REFERRALS = frozenset({Role.SERVICE_PROVIDER, Role.COORDINATOR, Role.CASEWORKER})


def recipient(referral: Referral) -> User | None:
    """The lead professional receives the alerts (DESIGN.md section 3); without one, the person
    who sent the referral, so that an alert always reaches someone."""
    coordinator = referral.case.coordinator
    if coordinator is not None and coordinator.is_active:
        return coordinator
    sender = referral.sent_by
    return sender if sender is not None and sender.is_active else None


def case_leads(referral: Referral) -> list[User]:
    """The coordinator and the sender of the referral, each once, if active."""
    people: list[User] = []
    for person in (referral.case.coordinator, referral.sent_by):
        if person is not None and person.is_active and person not in people:
            people.append(person)
    return people


def receivers(referral: Referral) -> list[User]:
    """The people of the receiving organisation who handle incoming referrals (one query)."""
    people = list(
        User.objects.filter(organisation_id=referral.to_organisation_id, is_active=True)
        .exclude(role="")
        .exclude(role__in=ROLES_WITHOUT_CASES)
        .order_by("pk")
    )
    handlers = [person for person in people if person.role in HANDLES_REFERRALS]
    return handlers or people


def _send_on_commit(notification_id: int) -> None:
    """Enqueue the e-mail once the change is committed; a failure is logged, never raised:
    the referral is saved whatever happens to its e-mail."""

    def enqueue() -> None:
        from childpath.referrals.tasks import email_notification

        try:
            email_notification.enqueue(notification_id)
        except Exception:
            logger.exception("notification e-mail not queued", extra={"id": notification_id})

    transaction.on_commit(enqueue, robust=True)


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
    _count_unread([user_id], +1)
    if email:
        _send_on_commit(notification.pk)
    return notification


def _count_unread(user_ids: list[int], change: int) -> None:
    """Keep ``User.unread_notifications`` (what the menu shows) in step with the rows, in
    the same transaction; never below zero."""
    if user_ids and change:
        User.objects.filter(pk__in=user_ids).update(
            unread_notifications=Greatest(F("unread_notifications") + change, 0)
        )


def mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all of them when ``ids`` is None)."""
    rows = user.notifications.unread()  # type: ignore[attr-defined]
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    with transaction.atomic():
        # Only rows still unread change (a second reader finds them read), so the count
        # goes down by exactly the rows this call marked.
        marked = int(rows.update(read_at=timezone.now()))
        _count_unread([user.pk], -marked)
    user.unread_notifications = max(user.unread_notifications - marked, 0)
    return marked


def notify_many(
    *,
    users: Iterable[User],
    referral: Referral,
    kind: str,
    case_reference: str,
    **data: Any,
) -> list[Notification]:
    """Notify each user once of ``kind`` about ``referral`` (one insert for all of them)."""
    people = list(users)
    rows = Notification.objects.bulk_create(
        [
            Notification(
                user=person,
                kind=kind,
                key=f"{referral.pk}:{kind}:{person.pk}",
                referral=referral,
                case_reference=case_reference,
                data={"service": referral.service_at_location.service.name, **data},
            )
            for person in people
        ]
    )
    _count_unread([person.pk for person in people], +1)
    # bulk_create gives back primary keys on PostgreSQL and SQLite 3.35+.
    for person, row in zip(people, rows, strict=True):
        if person.email:
            _send_on_commit(row.pk)
    return rows


def notify_received(referral: Referral) -> list[Notification]:
    """The receiving service hears of a new referral: urgency and deadlines, no case
    reference (the receiver never sees it) and nothing about the child."""
    return notify_many(
        users=receivers(referral),
        referral=referral,
        kind=NotificationKind.RECEIVED,
        case_reference="",
        urgency=referral.urgency,
        acknowledge_by=referral.acknowledge_by.isoformat(),
        respond_by=referral.respond_by.isoformat(),
    )


def notify_answer(referral: Referral, kind: str) -> list[Notification]:
    """The coordinator and the sender hear that the service accepted or declined. The reason
    for a decline stays encrypted on the referral; the page shows it, the e-mail does not."""
    return notify_many(
        users=case_leads(referral),
        referral=referral,
        kind=kind,
        case_reference=referral.case.reference,
    )


def _when(value: str | None) -> str:
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return ""
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def _urgency(value: str) -> str:
    try:
        return str(Urgency(value).label)
    except ValueError:
        return value


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
    if notification.kind == NotificationKind.ACCEPTED:
        return _("Case %(reference)s: %(service)s accepted the referral.") % values
    if notification.kind == NotificationKind.RECEIVED:
        return _(
            "New %(urgency)s referral to %(service)s: acknowledge by %(acknowledge)s, "
            "answer by %(respond)s."
        ) % {
            **values,
            "urgency": _urgency(notification.data.get("urgency", "")).lower(),
            "acknowledge": _when(notification.data.get("acknowledge_by")),
            "respond": _when(notification.data.get("respond_by")),
        }
    return notification.kind


def email_subject(notification: Notification) -> str:
    if notification.kind == NotificationKind.RECEIVED:
        urgency = _urgency(notification.data.get("urgency", ""))
        return _("Childpath: new referral (%(urgency)s)") % {"urgency": urgency.lower()}
    return _("Childpath: %(text)s") % {"text": text(notification)}


def when(notification: Notification) -> str:
    return date_format(notification.created_at, "SHORT_DATETIME_FORMAT")

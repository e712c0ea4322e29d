"""Account administration, audited (DESIGN.md 7: administrators manage accounts but cannot
use them).

- An administrator never sets another person's password: a new account gets an enrolment
  link by e-mail, and an existing one a reset link (``send_link``). The link goes to the
  account's address; the administrator never sees it.
- Every change of an account or an organisation writes an event in the hash-chained audit,
  with the names of the fields changed (never their values), in the transaction of the change.
- The coordinators of the organisation concerned are told, by e-mail after commit, of a new
  account, a new role that sees cases, a person moved into the organisation, or a changed
  e-mail address: a second pair of eyes on what an administrator did.
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import override

from childpath.accounts import admin as admin_role
from childpath.accounts.models import ROLES_WITHOUT_CASES, Organisation, Role, User
from childpath.audit.services import record

# The fields whose change is audited; a password is never among them (nobody sets it here).
ACCOUNT_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "organisation",
    "role",
    "is_active",
    "is_staff",
    "work_phone",
    "work_email",
    "language",
)
# What a person may change on their own profile page (childpath.accounts.forms).
PROFILE_FIELDS = frozenset({"work_phone", "work_email", "language"})
# A change of these tells the organisation's coordinators.
WATCHED = frozenset({"role", "organisation", "email", "is_active"})


is_administrator = admin_role.is_administrator


def _require_administrator(actor: User) -> None:
    if not is_administrator(actor):
        raise PermissionDenied


def link_for(user: User, *, kind: str) -> str:
    """The one-time link that lets the person choose a password (enrolment or reset)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("account-enrol", args=[uid, token])
    return f"{settings.CHILDPATH_BASE_URL.rstrip('/')}{path}?kind={kind}"


def _mail_link(user: User, kind: str) -> None:
    if not user.email:
        return
    link = link_for(user, kind=kind)
    with override(settings.LANGUAGE_CODE):
        if kind == "enrol":
            subject = _("Your Childpath account")
            body = _(
                "An account was opened for you in Childpath (user name %(username)s). Choose "
                "your password with this link, which works once and for a few days:\n\n%(link)s"
            )
        else:
            subject = _("Choose a new Childpath password")
            body = _(
                "Choose a new password for your Childpath account (user name %(username)s) "
                "with this link, which works once and for a few days:\n\n%(link)s\n\nIf you did "
                "not expect this, tell your coordinator."
            )
    send_mail(subject, body % {"username": user.username, "link": link}, None, [user.email])


def _coordinators(organisation_id: Any) -> list[str]:
    people = User.objects.filter(
        organisation_id=organisation_id, role=Role.COORDINATOR, is_active=True
    ).exclude(email="")
    return [person.email for person in people]


def _tell_coordinators(user: User, changed: Iterable[str], actor: User) -> None:
    """On commit: the coordinators of the person's organisation hear of the change."""
    if user.organisation_id is None:
        return
    addresses = [a for a in _coordinators(user.organisation_id) if a != user.email]
    if not addresses:
        return
    names = sorted(changed)
    with override(settings.LANGUAGE_CODE):
        subject = _("An account in your organisation has changed")
        body = _(
            "Administrator %(admin)s changed the account %(username)s (%(name)s) in your "
            "organisation: %(fields)s. Its role now: %(role)s. If this is not expected, tell "
            "your data protection officer."
        ) % {
            "admin": actor.username,
            "username": user.username,
            "name": user.display_name,
            "fields": ", ".join(names),
            "role": Role(user.role).label if user.role else "-",
        }
    send_mail(subject, body, None, addresses)


def save_account(*, actor: User, user: User, changed: Iterable[str], created: bool) -> User:
    """Save an account the administration form filled in: audited, announced, never with a
    password (a new account gets an unusable one and an enrolment link)."""
    _require_administrator(actor)
    changed = [name for name in changed if name in ACCOUNT_FIELDS]
    if user.is_superuser and not actor.is_superuser:
        raise PermissionDenied
    with transaction.atomic():
        if created:
            user.set_unusable_password()
        user.save()
        record(
            actor=actor,
            action="account.create" if created else "account.update",
            fields=ACCOUNT_FIELDS if created else changed,
            purpose=f"account {user.pk}",
        )
        tell = created and user.role not in ROLES_WITHOUT_CASES
        tell = tell or bool(WATCHED & set(changed))
        if tell:
            transaction.on_commit(lambda: _tell_coordinators(user, changed or ["role"], actor))
        if created:
            transaction.on_commit(lambda: _mail_link(user, "enrol"))
    return user


def save_profile(*, actor: User, changed: Iterable[str]) -> User:
    """Save the signed-in person's own work contact and e-mail language, audited with the
    names of the fields changed (DESIGN.md 7: every account change is in the audit trail)."""
    changed = [name for name in changed if name in PROFILE_FIELDS]
    if not actor.is_active:
        raise PermissionDenied
    if not changed:
        return actor
    with transaction.atomic():
        actor.save(update_fields=changed)
        record(actor=actor, action="account.profile", fields=changed, purpose=f"account {actor.pk}")
    return actor


def send_link(*, actor: User, user: User) -> None:
    """Send the person a link to choose a new password; the administrator never sees it."""
    _require_administrator(actor)
    with transaction.atomic():
        record(
            actor=actor,
            action="account.reset_link",
            fields=["password"],
            purpose=f"account {user.pk}",
        )
        transaction.on_commit(lambda: _mail_link(user, "reset"))


def save_organisation(
    *, actor: User, organisation: Organisation, changed: Iterable[str], created: bool
) -> Organisation:
    _require_administrator(actor)
    with transaction.atomic():
        organisation.save()
        record(
            actor=actor,
            action="organisation.create" if created else "organisation.update",
            fields=list(changed),
            purpose=f"organisation {organisation.pk}",
        )
    return organisation

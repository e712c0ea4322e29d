"""What the administration pages do, each through the service that owns the rule.

Accounts go through ``childpath.auditing.accounts`` (audited, coordinators told, never a
password: an enrolment link by e-mail), two-factor resets through ``childpath.signin.services``
(which also removes API tokens), services through ``childpath.directory.editing`` and imports
through the directory's import service, in the background (``tasks.run_import``).
Administrators manage who works in Childpath, never what is recorded about a child: nothing
here reads a case.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from childpath.accounts.admin import is_administrator
from childpath.accounts.models import Organisation, Role, User
from childpath.administration.models import ImportJob
from childpath.audit.services import record
from childpath.auditing import accounts
from childpath.signin import services as signin


def _require_administrator(actor: User) -> None:
    if not is_administrator(actor):
        raise PermissionDenied


def _staff_follows_role(user: User) -> None:
    # The administrator role is what opens these pages and the Django admin (is_staff); no
    # other role gets staff status here, so that a role change is the whole change.
    if not user.is_superuser:
        user.is_staff = user.role == Role.ADMINISTRATOR


def invite(*, actor: User, user: User) -> User:
    """Open an account; the person gets the enrolment link by e-mail and chooses the password."""
    _require_administrator(actor)
    _staff_follows_role(user)
    return accounts.save_account(actor=actor, user=user, changed=(), created=True)


def update_account(*, actor: User, user: User, changed: Iterable[str]) -> User:
    """Save a changed account (name, e-mail, organisation, role)."""
    _require_administrator(actor)
    changed = set(changed)
    if user.pk == actor.pk and "role" in changed and user.role != Role.ADMINISTRATOR:
        raise ValidationError(
            {"role": [_("You cannot take the administrator role from yourself.")]}
        )
    before = user.is_staff
    _staff_follows_role(user)
    if user.is_staff != before:
        changed.add("is_staff")
    return accounts.save_account(actor=actor, user=user, changed=changed, created=False)


def deactivate_account(*, actor: User, user: User) -> User:
    """Close an account: it cannot sign in, and its API tokens are revoked (the sign-in app
    does so on every deactivation). Audit events keep pointing at the person."""
    _require_administrator(actor)
    if user.pk == actor.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    if not user.is_active:
        raise ValidationError(_("This account is already deactivated."))
    user.is_active = False
    return accounts.save_account(actor=actor, user=user, changed=["is_active"], created=False)


def reactivate_account(*, actor: User, user: User) -> User:
    _require_administrator(actor)
    if user.is_active:
        raise ValidationError(_("This account is already active."))
    user.is_active = True
    return accounts.save_account(actor=actor, user=user, changed=["is_active"], created=False)


def send_password_link(*, actor: User, user: User) -> None:
    """A link to choose a new password, to the person's own address."""
    _require_administrator(actor)
    if not user.email:
        raise ValidationError(_("This account has no e-mail address to send the link to."))
    accounts.send_link(actor=actor, user=user)


def reset_two_factor(*, actor: User, user: User, reason: str) -> int:
    _require_administrator(actor)
    return signin.reset_two_factor(actor=actor, user=user, reason=reason)


def save_organisation(
    *, actor: User, organisation: Organisation, changed: Iterable[str], created: bool
) -> Organisation:
    return accounts.save_organisation(
        actor=actor, organisation=organisation, changed=changed, created=created
    )


def deactivate_organisation(*, actor: User, organisation: Organisation) -> int:
    """Deactivate every active account of an organisation (it has left Childpath), each one
    audited as a deactivation; returns how many. The organisation stays, for the records
    and audit events that name it."""
    _require_administrator(actor)
    if organisation.pk == actor.organisation_id:
        raise ValidationError(_("You cannot deactivate the organisation you work for."))
    people = organisation.users.filter(is_active=True)
    if not actor.is_superuser:
        people = people.filter(is_superuser=False)
    with transaction.atomic():
        count = 0
        for person in people:
            deactivate_account(actor=actor, user=person)
            count += 1
        record(
            actor=actor,
            action="organisation.deactivate",
            fields=["is_active"],
            purpose=f"organisation {organisation.pk}: {count} accounts",
        )
    return count


def start_import(*, actor: User, name: str, content: bytes) -> ImportJob:
    """Keep the uploaded file and start its import in the background, after commit."""
    _require_administrator(actor)
    with transaction.atomic():
        job = ImportJob.objects.create(started_by=actor, file_name=name[:255], content=content)
        record(
            actor=actor,
            action="directory.import_started",
            fields=["directory"],
            purpose=f"import {job.pk}: {name}"[:200],
        )
        transaction.on_commit(lambda: _enqueue(str(job.pk)))
    return job


def _enqueue(job_id: str) -> None:
    from childpath.administration.tasks import run_import

    run_import.enqueue(job_id)

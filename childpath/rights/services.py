"""Recording information given to the child and the guardian steps. One transaction each,
its audit event and timeline entry inside (DESIGN.md 6.2, 6.4).

Who may record what:
- An information delivery: anyone who may see the case, including a team member with
  view-only access. The record is an account of what that professional did (for example the
  shelter worker who explained the rights in the evening), not a change to the child's
  details; rule 10 asks that every delivery be recorded by whoever made it, and making the
  lead agency re-type it would lose deliveries. It never changes what others recorded.
- A guardian request or appointment: edit access only. It is a step of case management
  that the lead agency answers for, like naming the coordinator.
- A provision of a right (or the child declining it): edit access only. It ends the right's
  overdue warning, so it is the case team's accountable statement, like the appointment.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from childpath.accounts.models import User
from childpath.cases.changes import record_change
from childpath.cases.models import Case
from childpath.cases.services import record_read, require_edit
from childpath.cases.validation import check_life_date, merge
from childpath.rights.models import Guardian, InformationDelivery, RightProvision
from childpath.rights.selectors import case_rights
from childpath.rights.validation import (
    AppointmentData,
    DeliveryData,
    ProvisionData,
    check_appointment,
    check_delivery,
    check_provision,
    check_request,
)


def _raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def require_view(actor: User, case: Case) -> None:
    if not Case.objects.visible_to(actor, per_row=True).filter(pk=case.pk).exists():
        raise PermissionDenied


def record_delivery(*, actor: User, case: Case, data: DeliveryData) -> InformationDelivery:
    """The child was told about rights: which, in which language, how, and what the child said."""
    require_view(actor, case)
    assert actor.organisation is not None
    rights = case_rights(case)
    in_force = [right.code for right in rights.in_force]
    delivered_on = timezone.localtime(data.delivered_at).date()
    _raise_if(
        merge(
            check_delivery(data, rights.profile, in_force),
            check_life_date("delivered_at", delivered_on, case.identity.birth_date),
        )
    )
    chosen = in_force if data.all_in_force else data.rights
    codes = [right.code for right in rights.profile.rights if right.code in set(chosen)]
    formats = [item for item in dict.fromkeys(data.formats)]
    with transaction.atomic():
        delivery = InformationDelivery.objects.create(
            case=case,
            rights=codes,
            all_in_force=data.all_in_force,
            language=data.language.lower(),
            formats=formats,
            delivered_at=data.delivered_at,
            delivered_by=actor,
            organisation=actor.organisation,
            understood=data.understood,
            child_views=data.child_views.strip(),
        )
        record_change(
            actor=actor,
            case=case,
            kind="rights.informed",
            data={
                "delivery_id": delivery.pk,
                "rights": codes,
                "all_in_force": data.all_in_force,
                "language": delivery.language,
                "formats": formats,
                "understood": data.understood,
            },
            action="rights.delivery.create",
            fields=list(asdict(data)),
        )
    return delivery


def record_provision(*, actor: User, case: Case, data: ProvisionData) -> RightProvision:
    """A right in force was provided to the child on a day, or offered and declined.

    A later record for the same right supersedes this one (see core.latest_provisions).
    """
    require_edit(actor, case)
    assert actor.organisation is not None
    registered_on = timezone.localdate(case.created_at)
    _raise_if(check_provision(data, case_rights(case).right(data.right), registered_on))
    with transaction.atomic():
        provision = RightProvision.objects.create(
            case=case,
            right=data.right,
            provided_on=data.provided_on,
            declined=data.declined,
            note=data.note.strip(),
            recorded_by=actor,
            organisation=actor.organisation,
        )
        # No free text on the timeline: the note stays with the encrypted record.
        record_change(
            actor=actor,
            case=case,
            kind="rights.provided",
            data={
                "provision_id": provision.pk,
                "right": data.right,
                "on": data.provided_on.isoformat(),
                "declined": data.declined,
            },
            action="rights.provision.create",
            fields=list(asdict(data)),
        )
    return provision


def _guardian_for_update(case: Case) -> Guardian:
    guardian, _created = Guardian.objects.select_for_update().get_or_create(case=case)
    return guardian


def _require_child(case: Case) -> None:
    if not case_rights(case).guardian_possible:
        raise ValidationError(
            _("A guardian is appointed for a child. This person is not treated as a child.")
        )


def request_guardian(*, actor: User, case: Case, requested_at: datetime | None = None) -> Guardian:
    """The guardian service (or court) was asked to appoint a guardian."""
    require_edit(actor, case)
    requested_at = requested_at or timezone.now()
    _raise_if(check_request(requested_at))
    _require_child(case)
    with transaction.atomic():
        guardian = _guardian_for_update(case)
        if guardian.appointed_at is not None:
            raise ValidationError(_("A guardian is already appointed."))
        guardian.requested_at = requested_at
        guardian.requested_by = actor
        guardian.requested_by_organisation = actor.organisation
        guardian.save()
        record_change(
            actor=actor,
            case=case,
            kind="guardian.requested",
            data={"user_id": actor.pk},
            action="guardian.request",
            fields=["requested_at"],
        )
    return guardian


def appoint_guardian(*, actor: User, case: Case, data: AppointmentData) -> Guardian:
    """A guardian was appointed (or replaced): who, from which service, how to reach them."""
    require_edit(actor, case)
    _require_child(case)
    with transaction.atomic():
        guardian = _guardian_for_update(case)
        _raise_if(check_appointment(data, guardian.requested_at))
        replaced = guardian.appointed_at is not None
        guardian.appointed_at = data.appointed_at
        guardian.appointed_recorded_by = actor
        guardian.guardian_name = data.guardian_name.strip()
        guardian.guardian_organisation = data.guardian_organisation.strip()
        guardian.contact_phone = data.contact_phone.strip()
        guardian.contact_email = data.contact_email.strip()
        guardian.save()
        record_change(
            actor=actor,
            case=case,
            kind="guardian.appointed",
            data={"replaced": replaced},
            action="guardian.appoint",
            fields=list(asdict(data)),
        )
    return guardian


def record_handout_read(*, actor: User, case: Case, language: str) -> None:
    """Showing or printing the child's information is audited like a read (DESIGN.md 6.4)."""
    record_read(
        actor=actor,
        case=case,
        fields=["child_information"],
        purpose=f"child information ({language})",
    )

"""Recording identification decisions: one transaction each, audited inside (DESIGN.md 6.2).

Case.stage follows the decision in force (the selectors hold the dates):

- a screening that gives "presumed victim" records a presumed-victim decision at once, by
  whoever screened (rule 2); the screening app moves the stage to "presumed" itself;
- a formal identification moves the stage to "identified";
- a formal "not a victim" decision (or a review that reaches it) ends the presumption: the
  stage goes back to "screened" (or "concern" when the case was never screened), and
  presumed_since becomes None; the history keeps every earlier decision. A later screening
  that gives "presumed victim" opens the presumption again, from its own date;
- a closed case keeps its stage: closing is not an identification matter.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import datetime, time
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from childpath.accounts.models import Organisation, Role, User
from childpath.cases.access import may_edit as case_may_edit
from childpath.cases.changes import record_change
from childpath.cases.models import Case, Stage
from childpath.cases.validation import check_life_date, merge
from childpath.identification import rules
from childpath.identification.models import Basis, Decision, PanelMember, Status
from childpath.identification.selectors import protection_status
from childpath.identification.status import screening_raises
from childpath.identification.validation import (
    PANEL,
    DecisionData,
    Errors,
    MemberData,
    check_decision,
)
from childpath.jurisdiction.active import current_profile
from childpath.jurisdiction.labels import sector_label
from childpath.jurisdiction.profile import Profile
from childpath.screening.models import Result, Screening

# What a completed screening's result means for identification; "no indication" records nothing.
SCREENING_STATUS = {Result.PRESUMED_VICTIM: Status.PRESUMED, Result.AT_RISK: Status.AT_RISK}


def _raise_if(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


# --- Who may decide ------------------------------------------------------------------------


def authority(user: User, case: Case, *, editable: bool | None = None) -> rules.Authority:
    """What ``user`` may record on ``case`` under the active profile."""
    organisation = user.organisation
    return rules.authority(
        current_profile().identification,
        role=user.role,
        sector=organisation.sector if organisation else "",
        accredited=bool(organisation and organisation.may_identify),
        may_edit=case_may_edit(user, case) if editable is None else editable,
    )


def refusal_message(code: str, *, user: User, profile: Profile | None = None) -> str:
    """Why not, in words: names the profile, the sector or the role concerned."""
    profile = profile or current_profile()
    name = profile.text("name", get_language() or "en")
    organisation = user.organisation
    if code == rules.READ_ONLY:
        return _("You can read this case but not change it, so you cannot record a decision.")
    if code == rules.SECTOR:
        return _(
            "Organisations of your sector (%(sector)s) do not make formal identifications "
            "under the %(profile)s profile."
        ) % {"sector": sector_label(organisation.sector if organisation else ""), "profile": name}
    if code == rules.NOT_ACCREDITED:
        return _(
            "Your organisation is not accredited to make formal identifications under the "
            "%(profile)s profile."
        ) % {"profile": name}
    if code == rules.NO_PANELS:
        return _("The %(profile)s profile has no multi-agency panels.") % {"profile": name}
    if code == rules.ROLE:
        role = Role(user.role).label if user.role in Role.values else user.role
        return _("Your role (%(role)s) does not record formal identifications.") % {"role": role}
    raise ValueError(code)


def _panel_message(code: str, profile: Profile) -> str:
    panels = profile.identification.panels
    name = profile.text("name", get_language() or "en")
    messages = {
        rules.NO_PANELS: _("The %(profile)s profile has no multi-agency panels.")
        % {"profile": name},
        rules.NO_MEMBERS: _("A panel decision needs its members."),
        rules.TOO_FEW_MEMBERS: _("A panel needs at least %(n)d members.")
        % {"n": panels.min_members},
        rules.TOO_FEW_SECTORS: _("A panel needs members from at least %(n)d different sectors.")
        % {"n": panels.min_sectors},
        rules.DUPLICATE_MEMBER: _("The same person is listed twice."),
    }
    return str(messages[code])


def _composition_message(
    problem: rules.PanelProblem, members: list[PanelMember], profile: Profile
) -> str:
    name = profile.text("name", get_language() or "en")
    if problem.code == rules.SECTOR_NOT_ON_PANELS:
        organisation = members[problem.member - 1].organisation
        return str(
            _(
                "Member %(n)d: %(organisation)s (%(sector)s) may not sit on a decision panel "
                "under the %(profile)s profile."
            )
            % {
                "n": problem.member,
                "organisation": organisation.name,
                "sector": sector_label(organisation.sector),
                "profile": name,
            }
        )
    if problem.code == rules.MISSING_SECTOR:
        return str(
            _("A panel needs a member from one of these sectors: %(sectors)s.")
            % {"sectors": ", ".join(sorted(sector_label(s) for s in problem.sectors))}
        )
    return _panel_message(problem.code, profile)


# --- Formal decisions and reviews ----------------------------------------------------------


def record_decision(*, actor: User, case: Case, decision: DecisionData) -> Decision:
    """Record a formal identification (or a review of the one in force), by the actor's
    accredited organisation or by a multi-agency panel. Refusals raise PermissionDenied
    with the reason; bad input raises ValidationError; nothing is saved in part."""
    profile = current_profile()
    allowed = authority(actor, case)
    refusal = (
        allowed.panel_refusal if decision.decided_by == PANEL else allowed.organisation_refusal
    )
    if refusal is not None:
        raise PermissionDenied(refusal_message(refusal, user=actor, profile=profile))
    born = case.identity.birth_date
    _raise_if(
        merge(
            check_decision(decision, profile.identification),
            check_life_date("decided_on", decision.decided_on, born),
        )
    )
    members = _members(decision.members, profile) if decision.decided_by == PANEL else []
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        reviewed = _reviewed(case, decision)
        row = Decision.objects.create(
            case=case,
            status=decision.status,
            basis=Basis.PANEL if decision.decided_by == PANEL else Basis.ORGANISATION,
            path=decision.path,
            organisation=None if decision.decided_by == PANEL else actor.organisation,
            sector="" if decision.decided_by == PANEL else _sector(actor.organisation),
            reasons=decision.reasons.strip(),
            decided_at=_decided_at(decision),
            recorded_by=actor,
            reviews=reviewed,
            review_reason=decision.review_reason.strip() if reviewed else "",
        )
        for member in members:
            member.decision = row
        PanelMember.objects.bulk_create(members)
        _sync_stage(case, decision.status)
        kind = "identification.reviewed" if reviewed else "identification.decided"
        record_change(
            actor=actor,
            case=case,
            kind=kind,
            data=_event_data(row),
            action="identification.review" if reviewed else "identification.create",
            fields=[
                name for name, value in asdict(decision).items() if value not in ("", (), None)
            ],
        )
    return row


def _sector(organisation: Organisation | None) -> str:
    return organisation.sector if organisation else ""


def _decided_at(decision: DecisionData) -> datetime:
    """A decision dated today happened now; an earlier one at the start of its day, so a
    deadline that runs from it is never later than the real one."""
    if decision.decided_on == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.combine(decision.decided_on, time.min))


def _members(given: tuple[MemberData, ...], profile: Profile) -> list[PanelMember]:
    """Resolve the members (two queries); errors name the member by its number."""
    errors: Errors = {}
    ids = [_uuid(m.organisation_id) for m in given]
    organisations = Organisation.objects.in_bulk([i for i in ids if i is not None])
    users = User.objects.in_bulk([m.user_id for m in given if m.user_id is not None])
    result = []
    for number, (member, organisation_id) in enumerate(zip(given, ids, strict=True), start=1):
        organisation = organisations.get(organisation_id) if organisation_id else None
        user = users.get(member.user_id) if member.user_id is not None else None
        if organisation is None:
            errors.setdefault("members", []).append(
                _("Member %(n)d: no organisation has this id.") % {"n": number}
            )
            continue
        if member.user_id is not None and (
            user is None or not user.is_active or user.organisation_id != organisation.pk
        ):
            errors.setdefault("members", []).append(
                _("Member %(n)d: this user does not work for that organisation.") % {"n": number}
            )
            continue
        result.append(
            PanelMember(
                organisation=organisation,
                sector=organisation.sector,
                user=user,
                name="" if user else member.name.strip(),
            )
        )
    _raise_if(errors)
    problems = rules.panel_composition(
        profile.identification.panels,
        [
            rules.Member(
                organisation=str(m.organisation.pk),
                sector=m.sector,
                person=f"user:{m.user.pk}" if m.user else m.name,
            )
            for m in result
        ],
    )
    _raise_if(
        {"members": [_composition_message(problem, result, profile) for problem in problems]}
        if problems
        else {}
    )
    return result


def _uuid(value: str) -> uuid.UUID | None:
    """An organisation id; anything that is not a UUID names no organisation."""
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _reviewed(case: Case, decision: DecisionData) -> Decision | None:
    """The decision a review supersedes. A formal decision in force must be reviewed, not
    ignored; only the decision in force can be reviewed. Runs under the case's row lock."""
    current = Decision.objects.filter(case=case).order_by("recorded_at", "id").last()
    in_force = current if current is not None and current.is_formal else None
    if decision.reviews is None:
        if in_force is not None:
            raise ValidationError(
                {"reviews": [_("A formal decision is in force: record a review of it instead.")]}
            )
        return None
    if in_force is None or in_force.pk != decision.reviews:
        raise ValidationError(
            {"reviews": [_("Only the formal decision in force can be reviewed.")]}
        )
    if decision.decided_on < timezone.localtime(in_force.decided_at).date():
        raise ValidationError(
            {"decided_on": [_("A review cannot be dated before the decision it reviews.")]}
        )
    return in_force


def _sync_stage(case: Case, status: str) -> None:
    if case.stage == Stage.CLOSED:
        return
    if status == Status.IDENTIFIED:
        stage = Stage.IDENTIFIED
    elif Screening.objects.filter(case=case, completed_at__isnull=False).exists():
        stage = Stage.SCREENED
    else:
        stage = Stage.CONCERN
    if case.stage != stage:
        case.stage = stage
        case.save(update_fields=["stage", "updated_at"])


def _event_data(decision: Decision) -> dict[str, Any]:
    data: dict[str, Any] = {
        "decision_id": decision.pk,
        "status": decision.status,
        "basis": decision.basis,
        "path": decision.path,
    }
    if decision.organisation_id:
        data["organisation_id"] = str(decision.organisation_id)
    return data


# --- Presumption from a screening ----------------------------------------------------------


def record_screening_outcome(*, actor: User, screening: Screening) -> Decision | None:
    """A screening that gives "presumed victim" (or "at risk") records that status at once,
    by whoever screened, with the screening as its basis (DESIGN.md rule 2).

    Runs inside the screening's completing transaction. A screening only ever raises the
    status in force (rule 5): it records nothing for a child already presumed or identified.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_screening_outcome runs inside the screening's transaction.")
    status = SCREENING_STATUS.get(Result(screening.result)) if screening.result else None
    case = screening.case
    if status is None or not screening_raises(protection_status(case).status, status):
        return None
    assert screening.completed_at is not None
    organisation = actor.organisation or screening.organisation
    decision = Decision.objects.create(
        case=case,
        status=status,
        basis=Basis.SCREENING,
        screening=screening,
        organisation=organisation,
        sector=organisation.sector,
        decided_at=screening.completed_at,
        recorded_by=actor,
    )
    record_change(
        actor=actor,
        case=case,
        kind="identification.screening",
        data=_event_data(decision),
        action="identification.create",
        fields=["status", "basis"],
    )
    return decision


def on_screening_completed(
    sender: object, *, screening: Screening, actor: User, **kwargs: Any
) -> None:
    """Receiver of ``childpath.screening.signals.screening_completed``."""
    record_screening_outcome(actor=actor, screening=screening)

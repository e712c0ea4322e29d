"""Every change this app makes to a case, in one place, through the cases app's services.

Opening the case of a child referred from abroad, writing the identity that travels, closing a
case transferred abroad, and the cross-border entries of the case timeline. Each runs inside
the caller's transaction.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.db import transaction
from django.utils import timezone

from childpath.accounts.models import Organisation, User
from childpath.audit.services import record
from childpath.cases import services as case_services
from childpath.cases.changes import record_change
from childpath.cases.models import CameToNotice, Case, Stage
from childpath.cases.services import IDENTITY_FIELDS
from childpath.cases.validation import ChildData, EncounterData

# The identity fields a sender may tick to travel (DESIGN.md 6.6: only those, and only after
# acceptance or in a transfer).
SHAREABLE = IDENTITY_FIELDS


def add_event(
    *,
    case: Case,
    actor: User | None,
    kind: str,
    action: str = "federation.case",
    fields: tuple[str, ...] = (),
    purpose: str = "",
    **data: Any,
) -> None:
    """One entry on the case timeline with its audit event, through the one case-change
    primitive; ``data`` holds references and codes, never contents."""
    record_change(
        actor=actor,
        case=case,
        kind=kind,
        action=action,
        fields=fields,
        data=data,
        purpose=purpose,
    )


def facts_of(case: Case) -> dict[str, Any]:
    """The minimum, non-identifying data a request carries (no name, no date of birth)."""
    age = case.age(date_of_birth=case.identity.birth_date)
    return {
        "sex": case.sex,
        "age_years": age.years,
        "treated_as_child": age.treated_as_child,
        "age_disputed": age.disputed,
        "citizenship": case.citizenship,
        "languages": list(case.languages),
        "unaccompanied": case.unaccompanied,
        "migration_status": case.migration_status,
    }


def open_received_case(
    *, actor: User, lead: Organisation, facts: dict[str, Any], country: str, remote: str
) -> Case:
    """Open this instance's case for a child accepted from abroad, with a reference of its own;
    the accepting focal point and the local lead agency form the team."""
    age = facts.get("age_years")
    child = ChildData(
        sex=str(facts.get("sex") or "unknown"),
        claimed_age=age if isinstance(age, int) else None,
        age_disputed=bool(facts.get("age_disputed")) or age is None,
        citizenship=str(facts.get("citizenship") or ""),
        languages=[str(code) for code in facts.get("languages") or []],
        migration_status=str(facts.get("migration_status") or "unknown"),
        unaccompanied=str(facts.get("unaccompanied") or "unknown"),
    )
    encounter = EncounterData(
        came_to_notice=CameToNotice.OTHER,
        occurred_on=timezone.localdate(),
        observations=f"Referred from abroad ({country}, their reference {remote}).",
    )
    case = case_services.register_child(
        actor=actor, child=child, encounter=encounter, lead_organisation=lead
    )
    add_event(case=case, actor=actor, kind="crossborder.opened", country=country, remote=remote)
    return case


def read_identity(*, case: Case, fields: list[str], peer: str) -> dict[str, Any]:
    """The ticked identity fields, read to travel to a peer; the read is audited."""
    identity = case.identity
    values: dict[str, Any] = {}
    for name in fields:
        if name not in SHAREABLE:
            continue
        value = getattr(identity, name)
        values[name] = list(value or []) if name == "aliases" else (value or "")
    record(
        actor=None,
        action="case.read",
        case_reference=case.reference,
        fields=list(values),
        purpose=f"federation: identity for peer={peer}",
    )
    return values


def write_identity(*, actor: User, case: Case, values: dict[str, Any]) -> None:
    """Write identity fields received from a peer into the case, through the case service."""
    from datetime import date

    current = case_services.child_data(case, case.identity)
    changes: dict[str, Any] = {}
    for name, value in values.items():
        if name == "aliases":
            changes[name] = [str(v) for v in value]
        elif name == "date_of_birth":
            changes[name] = date.fromisoformat(value) if value else None
        else:
            changes[name] = str(value)
    case_services.update_child(actor=actor, case=case, child=replace(current, **changes))


def close_transferred(*, actor: User, case: Case, country: str, remote: str) -> None:
    """Close the case as transferred abroad; the link to the peer's case stays on it."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("close_transferred must run inside a transaction.")
    Case.objects.filter(pk=case.pk).update(stage=Stage.CLOSED, updated_at=timezone.now())
    case.stage = Stage.CLOSED
    add_event(
        case=case,
        actor=actor,
        kind="crossborder.transferred",
        action="case.close",
        fields=("stage",),
        purpose=f"transferred abroad to {country}, their reference {remote}",
        country=country,
        remote=remote,
    )

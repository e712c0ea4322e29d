"""What the federation pages show about a referral: plain values for the templates."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from childpath.cases.models import MigrationStatus, Sex, YesNoUnknown
from childpath.cases.timeline import field_labels
from childpath.exchange import lifecycle, selectors
from childpath.exchange.models import CrossBorderReferral, Direction, Status
from childpath.lib import geo


def type_label(message_type: str) -> str:
    labels = {
        lifecycle.REQUEST: _("Referral request"),
        lifecycle.ACKNOWLEDGE: _("Acknowledgement"),
        lifecycle.ACCEPT: _("Acceptance"),
        lifecycle.DECLINE: _("Decline"),
        lifecycle.IDENTITY: _("Identity (ticked fields)"),
        lifecycle.WITHDRAW: _("Withdrawal"),
        lifecycle.TRANSFER: _("Case transfer"),
        lifecycle.CLOSE: _("Closure"),
        lifecycle.INFO_REQUEST: _("Information request"),
        lifecycle.INFO_ANSWER: _("Answer"),
        lifecycle.STATUS_UPDATE: _("Status update"),
        "peer.keys": _("Key announcement"),
    }
    return labels.get(message_type, message_type)


def side(referral: CrossBorderReferral) -> str:
    return lifecycle.SENDER if referral.direction == Direction.OUTGOING else lifecycle.RECEIVER


def actions(referral: CrossBorderReferral) -> list[str]:
    """The forms to offer, by the same rules the services check."""
    if referral.direction == Direction.OUTGOING and referral.status == Status.REQUESTED:
        return ["send", "return"]
    mine = side(referral)
    offered = {
        "acknowledge": lifecycle.ACKNOWLEDGE,
        "accept": lifecycle.ACCEPT,
        "decline": lifecycle.DECLINE,
        "update": lifecycle.STATUS_UPDATE,
        "ask": lifecycle.INFO_REQUEST,
        "transfer": lifecycle.TRANSFER,
        "withdraw": lifecycle.WITHDRAW,
        "close": lifecycle.CLOSE,
    }
    return [
        name
        for name, message_type in offered.items()
        if lifecycle.may_send(message_type, side=mine, status=referral.status)
    ]


def facts(values: dict[str, Any]) -> list[tuple[str, str]]:
    """The minimum data of a request as label and value (no name, no date of birth)."""
    rows: list[tuple[str, str]] = []
    if "sex" in values:
        rows.append((_("Sex / gender"), str(Sex(values["sex"]).label)))
    age = values.get("age_years")
    rows.append((_("Age"), str(age) if age is not None else _("Not known")))
    if values.get("treated_as_child"):
        rows.append((_("Treated as a child"), _("Yes")))
    if values.get("citizenship"):
        rows.append((_("Citizenship"), geo.country_name(values["citizenship"])))
    if values.get("languages"):
        rows.append((_("Languages"), ", ".join(geo.language_name(c) for c in values["languages"])))
    if values.get("unaccompanied"):
        rows.append((_("Unaccompanied"), str(YesNoUnknown(values["unaccompanied"]).label)))
    if values.get("migration_status"):
        rows.append((_("Migration status"), str(MigrationStatus(values["migration_status"]).label)))
    return rows


def remaining(referral: CrossBorderReferral, now: datetime) -> dict[str, Any] | None:
    """The requested response time counting down (or how far past it)."""
    if referral.respond_by is None or referral.status not in lifecycle.PENDING:
        return None
    left = referral.respond_by - now
    hours = int(abs(left.total_seconds()) // 3600)
    return {"overdue": left.total_seconds() < 0, "hours": hours, "at": referral.respond_by}


def detail(referral: CrossBorderReferral, now: datetime) -> dict[str, Any]:
    labels = field_labels()
    entries = list(referral.entries.select_related("actor"))
    return {
        "referral": referral,
        "outgoing": referral.direction == Direction.OUTGOING,
        "facts": facts(referral.facts),
        "share_labels": [labels.get(name, name) for name in referral.share_fields],
        "entries": [(entry, type_label(entry.type)) for entry in entries],
        "questions": list(referral.information_requests.all()),
        "deliveries": [
            (message, type_label(message.type)) for message in selectors.messages_of(referral)
        ],
        "actions": actions(referral),
        "remaining": remaining(referral, now),
        "country_name": geo.country_name(referral.country),
    }

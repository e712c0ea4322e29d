"""What the referral templates show: the actions a user may take and where to find another
service. Plain data for the templates; no queries here."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from childpath.cases.models import Sex, YesNoUnknown
from childpath.lib import geo
from childpath.referrals import lifecycle, pathways, sharing
from childpath.referrals.labels import ACTION_LABELS, REASON_LABELS
from childpath.referrals.models import Referral


@dataclass(frozen=True)
class Action:
    status: str
    label: Promise
    needs_reason: bool


@dataclass(frozen=True)
class ReferralView:
    referral: Referral
    overdue: str | None
    actions: list[Action] = field(default_factory=list)
    find_another: str = ""
    need_label: str = ""


def actions(referral: Referral, sides: frozenset[str]) -> list[Action]:
    return [
        Action(status, ACTION_LABELS[status], status in lifecycle.REASON_REQUIRED)
        for status in lifecycle.next_statuses(referral.status, sides)
    ]


def directory_search(*, need: str = "", case_reference: str = "") -> str:
    """The directory search with the need filled in, picking a service for this case
    (the directory contract: ?need=...&case=<reference>). Empty if the page is not there."""
    try:
        url = reverse("directory-search")
    except NoReverseMatch:
        return ""
    query = {key: value for key, value in (("need", need), ("case", case_reference)) if value}
    return f"{url}?{urlencode(query)}" if query else url


def view(
    referral: Referral,
    sides: frozenset[str],
    *,
    case_reference: str = "",
    needs: dict[str, str] | None = None,
    now: datetime | None = None,
) -> ReferralView:
    """``case_reference``: given to the sender side only, for the "find another service" link."""
    now = now or timezone.now()
    another = ""
    if (
        case_reference
        and lifecycle.SENDER in sides
        and (referral.is_unanswered or referral.is_overdue(now))
        and referral.settled_at is None
    ):
        another = directory_search(need=referral.need, case_reference=case_reference)
    return ReferralView(
        referral=referral,
        overdue=referral.missed_deadline(now),
        actions=actions(referral, sides),
        find_another=another,
        need_label=(needs or {}).get(referral.need, referral.need),
    )


@dataclass(frozen=True)
class SharedRow:
    label: str
    value: str
    email: str = ""
    phone: str = ""


def shared_rows(shared: dict[str, Any] | None) -> list[SharedRow]:
    """The shared copy as label and value, in the order of the list the sender chose from."""
    if not shared:
        return []
    rows = []
    unknown = str(_("Not known"))
    for item in sharing.ITEMS:
        if item not in shared:
            continue
        value = shared[item]
        if item == sharing.NAME:
            rows.append(SharedRow(str(_("Name")), value or unknown))
        elif item == sharing.AGE:
            rows.append(SharedRow(str(_("Age")), _age_text(value)))
        elif item == sharing.SEX:
            rows.append(SharedRow(str(_("Sex / gender")), _label(Sex, value)))
        elif item == sharing.LANGUAGES:
            names = ", ".join(geo.language_name(code) for code in value)
            rows.append(SharedRow(str(_("Languages")), names or unknown))
        elif item == sharing.UNACCOMPANIED:
            rows.append(SharedRow(str(_("Unaccompanied")), _label(YesNoUnknown, value)))
        elif item == sharing.NEEDS:
            rows.append(SharedRow(str(_("What the child needs")), value.get("reason", "")))
        elif item == sharing.LEAD_CONTACT:
            who = " · ".join(part for part in (value["name"], value["organisation"]) if part)
            rows.append(
                SharedRow(
                    str(_("Lead professional")),
                    who,
                    email=value.get("email", ""),
                    phone=value.get("phone", ""),
                )
            )
    return rows


def _label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _age_text(age: dict[str, Any]) -> str:
    parts = []
    if age.get("years") is not None:
        parts.append(str(age["years"]))
    else:
        parts.append(str(_("Not known")))
    if age.get("disputed"):
        parts.append(str(_("in doubt")))
    if age.get("treated_as_child"):
        parts.append(str(_("treated as a child")))
    return " · ".join(parts)


@dataclass(frozen=True)
class ReasonView:
    label: str
    since: datetime
    service: str
    need: str
    # The call to action: choose another service, assign a coordinator, find a service.
    action: str
    action_url: str
    # A declined or unanswered referral: where to record that no other referral is needed.
    decision_url: str = ""


@dataclass(frozen=True)
class PathwayView:
    case: Any
    reasons: list[ReasonView]
    waiting_since: datetime | None


def pathway_views(rows: list[Any], needs: dict[str, str]) -> list[PathwayView]:
    """Rows of ``selectors.explain`` with their labels and calls to action."""
    result = []
    for row in rows:
        reference = row.case.reference
        reasons = []
        for reason in row.reasons:
            action, url = _call_to_action(reason.code, reason.need, reference)
            reasons.append(
                ReasonView(
                    label=str(REASON_LABELS[reason.code]),
                    since=reason.since,
                    service=row.services.get(reason.referral_id or "", ""),
                    need=needs.get(reason.need, reason.need),
                    action=action,
                    action_url=url,
                    decision_url=_decision_url(reason),
                )
            )
        result.append(PathwayView(row.case, reasons, row.waiting_since))
    return result


def _decision_url(reason: Any) -> str:
    if reason.code not in (pathways.DECLINED, pathways.NO_RESPONSE) or not reason.referral_id:
        return ""
    url = reverse("referral-detail", kwargs={"referral_id": reason.referral_id})
    return f"{url}#decision-form"


def _call_to_action(code: str, need: str, reference: str) -> tuple[str, str]:
    if code in (pathways.DECLINED, pathways.NO_RESPONSE, pathways.OVERDUE):
        return str(_("Choose another service")), directory_search(
            need=need, case_reference=reference
        )
    if code == pathways.NO_REFERRAL:
        return str(_("Find a service")), directory_search(case_reference=reference)
    if code == pathways.NO_COORDINATOR:
        return str(_("Assign a coordinator")), reverse("case-team", kwargs={"reference": reference})
    return str(_("Open the case")), reverse("case-detail", kwargs={"reference": reference})

"""The identification section of the case page (slot "case", order 10)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from childpath.accounts.models import User
from childpath.cases.models import Case
from childpath.identification import history, selectors, services


def case_section(request: HttpRequest, case: Case, may_edit: bool) -> dict[str, Any] | None:
    """Status, since when, basis, path, who decided, the history and what the user may do.

    Two queries however long the history is (decisions with their joins, panel members)."""
    user = request.user
    if not isinstance(user, User):
        return None
    decisions = history.decisions(case)
    status = history.status_of(decisions)
    # The rights section, rendered after this one, needs the same status: no second query.
    selectors.remember(case, status)
    in_force = decisions[-1] if decisions else None
    allowed = services.authority(user, case, editable=may_edit)
    refusal = allowed.organisation_refusal if not allowed.organisation else None
    if refusal is None and not allowed.any:
        refusal = allowed.panel_refusal
    return {
        "status": status,
        "in_force": in_force,
        "history": list(reversed(decisions)),
        "review": history.formal_in_force(decisions) is not None,
        "may_decide": allowed.any,
        "why_not": services.refusal_message(refusal, user=user) if refusal else "",
    }

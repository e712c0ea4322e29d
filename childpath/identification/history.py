"""A case's decisions with what the pages and the API show of them, in two queries."""

from __future__ import annotations

from django.db.models import Prefetch

from childpath.cases.models import Case
from childpath.identification.models import Decision, PanelMember
from childpath.identification.status import Fact, ProtectionStatus, fold


def decisions(case: Case) -> list[Decision]:
    """Every decision of the case, in the order recorded (the last one is in force)."""
    members = PanelMember.objects.select_related("organisation", "user")
    return list(
        Decision.objects.filter(case=case)
        # Not the screening: only its id is shown, and joining it would decrypt its notes.
        .select_related("organisation", "recorded_by")
        .prefetch_related(Prefetch("panel_members", queryset=members))
        .order_by("recorded_at", "id")
    )


def status_of(history: list[Decision]) -> ProtectionStatus:
    """The status in force, from decisions already fetched (no query)."""
    return fold(Fact(d.status, d.decided_at, d.path) for d in history)


def formal_in_force(history: list[Decision]) -> Decision | None:
    """The formal decision in force, which a new formal decision must review."""
    if history and history[-1].is_formal:
        return history[-1]
    return None

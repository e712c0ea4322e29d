"""Keep the statistics roll-up in step: every saved or deleted row that changes what the
statistics know of a case marks the case, and the marked cases are refreshed once, after the
transaction commits (so a rolled-back write changes nothing, and a request that writes five
rows refreshes the case once)."""

from __future__ import annotations

import threading
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from childpath.age_assessment.models import AgeAssessment, HandoverPlan, TurningEighteen
from childpath.cases.models import Case, CaseMember, Encounter
from childpath.identification.models import Decision
from childpath.referrals.models import Referral, ReferralChange
from childpath.rights.models import InformationDelivery, RightProvision
from childpath.screening.models import Screening

_state = threading.local()


def _pending() -> set[int]:
    if not hasattr(_state, "cases"):
        _state.cases = set()
    cases: set[int] = _state.cases
    return cases


def _flush() -> None:
    from childpath.stats import facts

    cases = _pending()
    if cases:
        ids = list(cases)
        cases.clear()
        facts.refresh(ids)


def touch(case_id: int | None) -> None:
    if case_id is None:
        return
    _pending().add(case_id)
    transaction.on_commit(_flush)


def _on_case(sender: Any, instance: Case, **kwargs: Any) -> None:
    touch(instance.pk)


def _on_child_row(sender: Any, instance: Any, **kwargs: Any) -> None:
    touch(instance.case_id)


def _on_referral_change(sender: Any, instance: ReferralChange, **kwargs: Any) -> None:
    touch(instance.referral.case_id)


CASE_ROWS = (
    Encounter,
    CaseMember,
    Screening,
    Decision,
    InformationDelivery,
    RightProvision,
    Referral,
    AgeAssessment,
    HandoverPlan,
    TurningEighteen,
)


def connect() -> None:
    post_save.connect(_on_case, sender=Case, dispatch_uid="stats-case")
    for model in CASE_ROWS:
        for signal in (post_save, post_delete):
            signal.connect(_on_child_row, sender=model, dispatch_uid=f"stats-{model.__name__}")
    post_save.connect(_on_referral_change, sender=ReferralChange, dispatch_uid="stats-change")

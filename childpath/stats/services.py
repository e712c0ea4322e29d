"""Publishing a release: every standard table and barrier indicator of a period, frozen,
versioned and signed (DESIGN.md 6.2: keyword-only, one transaction, audit inside)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from childpath.accounts.models import Role, User
from childpath.audit.services import record
from childpath.jurisdiction.active import current_profile
from childpath.screening.catalogue import current_catalogue
from childpath.stats import barriers, documents, selectors, signing
from childpath.stats.definitions import TABLES
from childpath.stats.models import Method, PrivacyBudget, Release
from childpath.stats.periods import Period


class ReleaseError(ValueError):
    """A release that cannot be published; ``code`` picks the translated message."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class ReleaseRequest:
    title: str
    period: Period
    method: str = Method.SUPPRESSION
    epsilon: float | None = None
    rounding: int = 1
    corrects: Release | None = None


def may_publish(user: User) -> bool:
    return user.is_active and user.role == Role.ANALYST


def budget_left(year: int) -> float:
    spent = PrivacyBudget.objects.filter(year=year).values_list("spent", flat=True).first() or 0.0
    return current_profile().statistics.privacy_budget - spent


def _check(request: ReleaseRequest) -> None:
    if not request.title.strip():
        raise ReleaseError("title")
    if len(request.title) > 200:
        raise ReleaseError("title_long")
    if request.method not in Method.values:
        raise ReleaseError("method")
    if request.period.end > timezone.localdate():
        # A release is frozen: a period still running would change after publication.
        raise ReleaseError("period_open")
    if request.method == Method.ROUNDED and not 2 <= request.rounding <= 100:
        raise ReleaseError("rounding")
    if request.method == Method.DIFFERENTIAL:
        if request.epsilon is None or not 0.01 <= request.epsilon <= 10:
            raise ReleaseError("epsilon_range")
        if any(request.epsilon > budget_left(y) + 1e-9 for y in request.period.years()):
            raise ReleaseError("epsilon_budget")
    if request.corrects is not None and request.corrects.corrected_by.exists():
        raise ReleaseError("already_corrected")


def _spend(years: list[int], epsilon: float) -> None:
    """Charge epsilon to each calendar year of the data, with a compare-and-set that refuses
    to go over the budget even when two analysts publish at once."""
    limit = current_profile().statistics.privacy_budget
    for year in years:
        PrivacyBudget.objects.get_or_create(year=year)
        changed = PrivacyBudget.objects.filter(year=year, spent__lte=limit - epsilon + 1e-9).update(
            spent=F("spent") + epsilon
        )
        if changed != 1:
            raise ReleaseError("epsilon_budget")


def publish_release(*, actor: User, request: ReleaseRequest) -> Release:
    if not may_publish(actor):
        raise PermissionDenied
    _check(request)
    profile = current_profile()
    rules = profile.statistics
    tables_count = len(TABLES)
    epsilon_each = request.epsilon / tables_count if request.epsilon else None
    protection = selectors.Protection(
        threshold=rules.threshold,
        unit=rules.period_unit,
        method=request.method,
        rounding=request.rounding if request.method == Method.ROUNDED else 1,
        epsilon=epsilon_each,
    )
    with transaction.atomic():
        if request.method == Method.DIFFERENTIAL:
            assert request.epsilon is not None
            _spend(request.period.years(), request.epsilon)
        version = 1 if request.corrects is None else request.corrects.version + 1
        release = Release(
            title=request.title.strip(),
            version=version,
            corrects=request.corrects,
            period_start=request.period.start,
            period_end=request.period.end,
            method=request.method,
            epsilon=request.epsilon,
            threshold=rules.threshold,
            rounding=protection.rounding,
            catalogue_version=current_catalogue().version,
            published_by=actor,
        )
        results = selectors.many(TABLES, request.period, protection=protection)
        # Barrier indicators are published with suppression only (not differentially private).
        figures = barriers.indicators(request.period)
        document = {
            "format": documents.FORMAT,
            "vocabulary": "HTCDS v2.0 (IOM, 2021), Eurostat crim_thb, CTDC age bands",
            # Signed with the instance's federation key: the peers hold it from its card.
            "instance": {
                "country": settings.CHILDPATH_COUNTRY.upper(),
                "profile": profile.code,
                **signing.signer(),
            },
            "release": {
                "id": str(release.id),
                "title": release.title,
                "version": version,
                "corrects": str(request.corrects.id) if request.corrects else None,
                "published_at": release.published_at.isoformat(),
            },
            "period": {
                "start": request.period.start.isoformat(),
                "end": request.period.end.isoformat(),
                "atom": rules.period_unit,
            },
            "catalogue_version": release.catalogue_version,
            "disclosure_control": {
                "method": request.method,
                "threshold": rules.threshold,
                "rounding": protection.rounding,
                "epsilon": request.epsilon,
                "epsilon_per_table": epsilon_each,
            },
            "tables": [documents.table_document(r) for r in results],
            "indicators": {
                group: [documents.figure_document(f) for f in figs]
                for group, figs in figures.items()
            },
        }
        release.sha256, release.signature, release.public_key = signing.sign(document)
        release.document = json.dumps(document, ensure_ascii=False, sort_keys=True)
        release.save(force_insert=True)
        record(
            actor=actor,
            action="stats.release.publish",
            fields=["tables", "indicators"],
            purpose=f"release {release.id} v{version}",
        )
    return release

"""The roll-up the statistics read: one ``CaseFact`` per case, one ``ReferralFact`` per
referral, computed from non-identifying fields only (no encrypted field is read or decrypted).

``refresh(case_ids)`` recomputes the facts of some cases in a fixed number of queries (about a
dozen, whatever the number of cases) and applies the difference to the roll-up (``rollup``);
the receivers call it once per transaction, on commit, for every case a write touched;
``rebuild()`` recomputes everything in batches (after a bulk import, or to repair). What a
write costs: one refresh of the cases it touched, after commit.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from childpath.age_assessment.models import AgeAssessment, HandoverPlan, TurningEighteen
from childpath.cases.models import Case, CaseMember, Encounter
from childpath.identification import htcds
from childpath.identification.models import Basis, Decision
from childpath.referrals import lifecycle
from childpath.referrals.models import Referral, ReferralChange
from childpath.rights.models import InformationDelivery, RightProvision
from childpath.screening.catalogue import current_catalogue
from childpath.screening.models import Screening
from childpath.stats import exploitation, rollup
from childpath.stats.models import CaseFact, ReferralFact

# EU Member States (ISO 3166-1 alpha-2; Greece is GR here, not Eurostat's EL).
EU = frozenset(
    {
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
    }
)
# The need code of psychosocial and trauma support in the directory's taxonomy, and the right.
PSYCHOSOCIAL_NEED = "psychosocial_support"
PSYCHOSOCIAL_RIGHT = "psychological_support"
BATCH = 2000


def eurostat_band(age: int | None) -> str:
    """Eurostat's age classes for children and adults (crim_thb_vsage)."""
    if age is None:
        return "unknown"
    if age < 12:
        return "0-11"
    if age < 18:
        return "12-17"
    return "18+"


CTDC_BANDS = (
    (8, "0-8"),
    (17, "9-17"),
    (20, "18-20"),
    (23, "21-23"),
    (26, "24-26"),
    (29, "27-29"),
    (38, "30-38"),
    (47, "39-47"),
)


def ctdc_band(age: int | None) -> str:
    """The CTDC's age bands (DOMAIN.md "Case data and statistics standards")."""
    if age is None:
        return "unknown"
    return next((label for top, label in CTDC_BANDS if age <= top), "48+")


def age_group(age: int | None) -> str:
    """Child or adult at the time of the exploitation; an unknown age is reported as such
    (the child is treated as a child: presumption of minority, CETS 197 art. 10(3))."""
    if age is None:
        return "unknown"
    return "child" if age < 18 else "adult"


def citizenship_group(code: str) -> str:
    if not code:
        return "unknown"
    if code.upper() == settings.CHILDPATH_COUNTRY.upper():
        return "national"
    return "eu" if code.upper() in EU else "non_eu"


@functools.cache
def _not_forms(version: str) -> frozenset[str]:
    catalogue = current_catalogue()
    return frozenset(i.id for i in catalogue.indicators if i.dimension != "exploitative_conditions")


def _first(values: Iterable[datetime | None]) -> datetime | None:
    return min((v for v in values if v is not None), default=None)


def _as_datetime(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day))


def _grouped(rows: Iterable[Any], key: str = "case_id") -> dict[int, list[Any]]:
    result: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        result[row[key]].append(row)
    return result


def compute(case_ids: list[int]) -> tuple[list[CaseFact], list[ReferralFact]]:
    """The facts of these cases, in a fixed number of queries."""
    cases = list(
        Case.objects.filter(pk__in=case_ids).values(
            "id",
            "created_at",
            "sex",
            "claimed_age",
            "age_disputed",
            "citizenship",
            "languages",
            "unaccompanied",
            "coordinator__organisation_id",
            "created_by_organisation_id",
        )
    )
    encounters = _grouped(
        Encounter.objects.filter(case_id__in=case_ids)
        .order_by("occurred_on", "id")
        .values("case_id", "came_to_notice", "recorded_at")
    )
    leads = _grouped(
        CaseMember.objects.filter(case_id__in=case_ids, user__isnull=True)
        .order_by("added_at", "id")
        .values("case_id", "organisation_id")
    )
    screenings = _grouped(
        Screening.objects.filter(case_id__in=case_ids)
        .order_by("started_at", "id")
        .values(
            "case_id",
            "started_at",
            "completed_at",
            "observations",
            "catalogue_version",
            "age_at_exploitation",
            "age_uncertain",
        )
    )
    decisions = _grouped(
        Decision.objects.filter(case_id__in=case_ids)
        .order_by("recorded_at", "id")
        .values("case_id", "status", "basis", "path", "sector", "decided_at")
    )
    deliveries = _grouped(
        InformationDelivery.objects.filter(case_id__in=case_ids)
        .order_by("delivered_at")
        .values("case_id", "language", "understood", "delivered_at")
    )
    provisions = dict(
        RightProvision.objects.filter(case_id__in=case_ids, right=PSYCHOSOCIAL_RIGHT)
        .values("case_id")
        .annotate(first=Min("provided_on"))
        .values_list("case_id", "first")
    )
    referrals = list(
        Referral.objects.filter(case_id__in=case_ids)
        .order_by("sent_at", "id")
        .values(
            "id",
            "case_id",
            "need",
            "urgency",
            "status",
            "sent_at",
            "respond_by",
            "to_organisation__country",
        )
    )
    changes = _grouped(
        ReferralChange.objects.filter(referral__case_id__in=case_ids)
        .filter(status__in=[lifecycle.ACCEPTED, lifecycle.DECLINED])
        .order_by("at")
        .values("referral_id", "status", "at"),
        key="referral_id",
    )
    assessments = _grouped(
        AgeAssessment.objects.filter(case_id__in=case_ids)
        .order_by("-assessed_on", "-recorded_at", "-id")
        .values("case_id", "outcome", "concluded", "recorded_at")
    )
    handovers = dict(
        HandoverPlan.objects.filter(case_id__in=case_ids)
        .values("case_id")
        .annotate(first=Min("agreed_on"))
        .values_list("case_id", "first")
    )
    turning = dict(
        TurningEighteen.objects.filter(case_id__in=case_ids).values_list("case_id", "month")
    )
    by_case_referrals = _grouped(referrals)
    now = timezone.now()
    home = settings.CHILDPATH_COUNTRY.upper()
    case_facts, referral_facts = [], []
    for row in cases:
        cid = row["id"]
        completed = [s for s in screenings.get(cid, []) if s["completed_at"] is not None]
        latest = max(completed, key=lambda s: s["completed_at"], default=None)
        age = row["claimed_age"] if not row["age_disputed"] else None
        observations: dict[str, str] = {}
        version = ""
        if latest is not None:
            observations = latest["observations"] or {}
            version = latest["catalogue_version"]
            if latest["age_at_exploitation"] is not None and not latest["age_uncertain"]:
                age = latest["age_at_exploitation"]
        in_force = (decisions.get(cid) or [None])[-1]
        status = in_force["status"] if in_force else "none"
        organisation = row["coordinator__organisation_id"] or next(
            (m["organisation_id"] for m in leads.get(cid, [])), row["created_by_organisation_id"]
        )
        if in_force is None:
            path, sector = "none", "none"
        else:
            formal = in_force["basis"] != Basis.SCREENING
            path = (in_force["path"] or "unknown") if formal else "presumption"
            sector = htcds.decision_making_org(
                sector=in_force["sector"], panel=in_force["basis"] == Basis.PANEL
            )
        languages = {str(code).lower() for code in row["languages"] or []}
        informed = _first(
            d["delivered_at"]
            for d in deliveries.get(cid, [])
            if d["language"].lower() in languages or (not languages and d["understood"] == "yes")
        )
        case_referrals = by_case_referrals.get(cid, [])
        accepted = _first(
            c["at"]
            for r in case_referrals
            for c in changes.get(r["id"], [])
            if c["status"] == lifecycle.ACCEPTED
        )
        first_encounter = (encounters.get(cid) or [None])[0]
        later_encounters = [e["recorded_at"] for e in encounters.get(cid, [])[1:]]
        followed_up = _first(
            [
                *later_encounters,
                *(s["started_at"] for s in screenings.get(cid, [])),
                *(r["sent_at"] for r in case_referrals),
                *(d["delivered_at"] for d in deliveries.get(cid, [])),
                *(a["recorded_at"] for a in assessments.get(cid, [])),
            ]
        )
        support = _first(
            [
                *(r["sent_at"] for r in case_referrals if r["need"] == PSYCHOSOCIAL_NEED),
                _as_datetime(provisions[cid]) if cid in provisions else None,
            ]
        )
        newest = (assessments.get(cid) or [None])[0]
        if newest is not None:
            dispute = newest["outcome"] if newest["concluded"] else "open"
        else:
            dispute = "open" if row["age_disputed"] else "none"
        created: datetime = row["created_at"]
        case_facts.append(
            CaseFact(
                case_id=cid,
                month=timezone.localdate(created).replace(day=1),
                concern_at=created,
                organisation_id=organisation,
                status=status,
                sex=row["sex"],
                age_group=age_group(age),
                age_eurostat=eurostat_band(age),
                age_ctdc=ctdc_band(age),
                citizenship_group=citizenship_group(row["citizenship"]),
                citizenship=row["citizenship"].upper(),
                exploitation=exploitation.main_form(
                    exploitation.forms_found(observations, version, _not_forms(version))
                ),
                online=exploitation.mode(observations),
                path=path,
                deciding_sector=sector,
                came_to_notice=first_encounter["came_to_notice"] if first_encounter else "other",
                unaccompanied=row["unaccompanied"] or "unknown",
                catalogue_version=version,
                presumed_at=_first(
                    d["decided_at"] for d in decisions.get(cid, []) if d["status"] == "presumed"
                ),
                informed_at=informed,
                accepted_referral_at=accepted,
                identified_at=_first(
                    d["decided_at"] for d in decisions.get(cid, []) if d["status"] == "identified"
                ),
                followed_up_at=followed_up,
                support_offered_at=support,
                age_dispute=dispute,
                turns_18_month=turning.get(cid),
                handover_on=handovers.get(cid),
                refreshed_at=now,
            )
        )
        for ordinal, referral in enumerate(case_referrals, start=1):
            answers = changes.get(referral["id"], [])
            country = (referral["to_organisation__country"] or "").upper()
            referral_facts.append(
                ReferralFact(
                    referral=referral["id"],
                    case_id=cid,
                    month=timezone.localdate(referral["sent_at"]).replace(day=1),
                    organisation_id=organisation,
                    service=referral["need"] or "other",
                    urgency=referral["urgency"],
                    outcome=referral["status"],
                    partner_country="" if country in ("", home) else country,
                    respond_by=referral["respond_by"],
                    answered_at=answers[0]["at"] if answers else None,
                    ordinal=ordinal,
                )
            )
    return case_facts, referral_facts


_CASE_FIELDS = [f.name for f in CaseFact._meta.concrete_fields if f.name != "case"]
_REFERRAL_FIELDS = [f.name for f in ReferralFact._meta.concrete_fields if f.name != "referral"]


def refresh(case_ids: Iterable[int]) -> None:
    """Recompute and store the facts of these cases (and of their referrals)."""
    ids = sorted(set(case_ids))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        case_facts, referral_facts = compute(chunk)
        with transaction.atomic():
            # The old facts, locked, so two refreshes of one case never apply one change twice.
            old_cases = list(CaseFact.objects.select_for_update().filter(case_id__in=chunk))
            old_referrals = list(ReferralFact.objects.filter(case_id__in=chunk))
            rollup.apply(rollup.delta([*old_cases, *old_referrals], [*case_facts, *referral_facts]))
            CaseFact.objects.filter(case_id__in=chunk).exclude(
                case_id__in=[f.case_id for f in case_facts]
            ).delete()
            ReferralFact.objects.filter(case_id__in=chunk).delete()
            CaseFact.objects.bulk_create(
                case_facts,
                update_conflicts=True,
                unique_fields=["case"],
                update_fields=_CASE_FIELDS,
            )
            ReferralFact.objects.bulk_create(referral_facts)


def _all_case_ids() -> Iterator[list[int]]:
    last = 0
    while True:
        chunk = list(
            Case.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:BATCH]
        )
        if not chunk:
            return
        yield chunk
        last = chunk[-1]


def rebuild() -> int:
    """Recompute every case's facts, then the roll-up from them; returns the number of cases."""
    total = 0
    for chunk in _all_case_ids():
        refresh(chunk)
        total += len(chunk)
    rollup.rebuild()
    return total

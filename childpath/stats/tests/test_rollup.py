"""The roll-up: the SQL rebuild writes exactly the keys the Python side applies by difference,
and the times' two-level histograms (days, then tenths within a day) give the same percentiles
as the tenths themselves."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from childpath.cases.models import Case
from childpath.stats import barriers, rollup
from childpath.stats.models import CaseFact, ReferralFact, Rollup
from childpath.stats.periods import year

pytestmark = pytest.mark.django_db

START = datetime(2025, 3, 30, 0, 30, tzinfo=UTC)  # the night summer time begins in Stockholm


def _rollup() -> Counter[tuple[Any, ...]]:
    return Counter(
        {
            (r.month, r.organisation, r.name, r.universe, r.value): r.n
            for r in Rollup.objects.exclude(n=0)
        }
    )


def _fact(case: Case, **values: Any) -> CaseFact:
    fields: dict[str, Any] = {
        "case": case,
        "month": date(2025, 3, 1),
        "concern_at": START,
        "status": "presumed",
        "sex": "female",
        "age_group": "child",
        "age_eurostat": "12-17",
        "age_ctdc": "9-17",
        "citizenship_group": "national",
        "citizenship": "SE",
        "exploitation": "sexual",
        "online": "offline",
        "path": "presumption",
        "deciding_sector": "Police",
        "came_to_notice": "school",
        "unaccompanied": "no",
        "age_dispute": "none",
    }
    fields.update(values)
    return CaseFact(**fields)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the SQL rebuild is PostgreSQL's")
def test_the_sql_rebuild_writes_the_keys_the_python_side_applies(frontline: Any) -> None:
    hour, day = timedelta(hours=1), timedelta(days=1)
    edges: list[dict[str, Any]] = [
        # Exactly on the half of a tenth (6 h = 0.25 day), across the change to summer time,
        # exactly 7 and 30 days, a time before the concern, nothing at all.
        {"presumed_at": START + 6 * hour, "accepted_referral_at": START + 6 * hour + 7 * day},
        {"presumed_at": START + 23 * hour, "followed_up_at": START + 30 * day},
        {"informed_at": START + 30 * day + timedelta(microseconds=1), "age_dispute": "open"},
        {"identified_at": START - 2 * hour, "turns_18_month": date(2025, 9, 1)},
        {"turns_18_month": date(2025, 9, 1), "handover_on": date(2025, 8, 31)},
        {"support_offered_at": START + 3 * day, "presumed_at": START + timedelta(seconds=4319)},
        {"concern_at": datetime(2025, 3, 31, 22, 30, tzinfo=UTC), "month": date(2025, 4, 1)},
        {"status": "at_risk", "citizenship": ""},
    ]
    for n, values in enumerate(edges):
        case = Case.objects.create(
            reference=f"CP-RU-{n}",
            created_by=frontline,
            created_by_organisation=frontline.organisation,
        )
        fact = _fact(case, **values)
        fact.save()
        ReferralFact.objects.create(
            referral=f"00000000-0000-0000-0000-00000000000{n}",
            case=case,
            month=fact.month,
            service="legal_aid",
            urgency="urgent",
            outcome="accepted",
            partner_country="NO" if n % 2 else "",
            respond_by=START + 5 * day,
            answered_at=START + 5 * day if n % 3 else None,
            ordinal=1,
        )
    expected = rollup.delta([], [*CaseFact.objects.all(), *ReferralFact.objects.all()])
    rollup.rebuild()
    assert _rollup() == Counter({k: n for k, n in expected.items() if n})


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.integers(min_value=-30, max_value=3000), min_size=1, max_size=60))
def test_the_times_read_from_days_then_tenths_are_the_exact_percentiles(
    frontline: Any, tenths: list[int]
) -> None:
    Rollup.objects.all().delete()
    case = Case.objects.get_or_create(
        reference="CP-RU-P",
        defaults={"created_by": frontline, "created_by_organisation": frontline.organisation},
    )[0]
    facts = [_fact(case, presumed_at=START + rollup.TENTH * t) for t in tenths]
    rollup.apply(rollup.delta([], facts))
    measured = barriers._times(year(2025), None)["to_presumed"]
    exact = Counter(t / 10 for t in tenths)
    assert measured["n"] == len(tenths)
    for got, fraction in zip(measured["values"], barriers.FRACTIONS, strict=True):
        assert got == pytest.approx(barriers.percentile(exact, fraction))


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=400), st.booleans()), min_size=1, max_size=40
    )
)
def test_the_times_of_each_month_are_the_exact_medians_of_the_month(
    frontline: Any, points: list[tuple[int, bool]]
) -> None:
    Rollup.objects.all().delete()
    case = Case.objects.get_or_create(
        reference="CP-RU-M",
        defaults={"created_by": frontline, "created_by_organisation": frontline.organisation},
    )[0]
    march, april = date(2025, 3, 1), date(2025, 4, 1)
    facts = [
        _fact(case, month=april if late else march, presumed_at=START + rollup.TENTH * t)
        for t, late in points
    ]
    rollup.apply(rollup.delta([], facts))
    groups = [frozenset({march}), frozenset({april})]
    measured = barriers._grouped_times(year(2025), None, groups, (0.5,))
    for group, result in zip(groups, measured, strict=True):
        tenths = [t for t, late in points if (april if late else march) in group]
        assert result["to_presumed"]["n"] == len(tenths)
        if tenths:
            exact = barriers.percentile(Counter(t / 10 for t in tenths), 0.5)
            assert result["to_presumed"]["values"][0] == pytest.approx(exact)

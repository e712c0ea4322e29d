"""Each standard table against counts made by hand on the fixed dataset (conftest.CHILDREN),
with disclosure control turned off (threshold 0) so the definitions themselves are checked."""

from __future__ import annotations

from typing import Any

import pytest

from childpath.accounts.models import Organisation
from childpath.cases.models import Case
from childpath.stats import selectors
from childpath.stats.periods import Period, quarter, year
from childpath.stats.tests.conftest import add_referral, make_place

EXACT = selectors.Protection(threshold=0)
Q1 = quarter(2025, 1)


def counts(name: str, period: Period = Q1, **kwargs: Any) -> dict[str, int | None]:
    result = selectors.table(name, period, protection=EXACT, **kwargs)
    return {code: row[0] for (code, _label), row in zip(result.rows, result.cells, strict=True)}


pytestmark = pytest.mark.usefixtures("dataset")


def test_it_counts_children_by_status_with_presumed_and_identified_as_registered() -> None:
    assert counts("status") == {"registered": 5, "at_risk": 1, "not_victim": 1, "none": 1}


def test_it_counts_registered_victims_by_legal_status() -> None:
    assert counts("legal_status") == {"presumed": 3, "identified": 2}


def test_it_counts_registered_victims_by_sex() -> None:
    assert counts("sex") == {"female": 3, "male": 2, "other": 0, "unknown": 0}


def test_it_uses_the_age_at_the_exploitation_and_counts_an_unknown_age_apart() -> None:
    # The 20-year-old exploited at 15 is a child; the child without an age is "unknown".
    assert counts("age_group") == {"child": 4, "adult": 0, "unknown": 1}


def test_it_counts_eurostat_age_bands() -> None:
    assert counts("age_eurostat") == {"0-11": 0, "12-17": 4, "18+": 0, "unknown": 1}


def test_it_counts_ctdc_age_bands() -> None:
    result = counts("age_ctdc")
    assert (
        result["9-17"] == 4 and result["unknown"] == 1 and sum(v or 0 for v in result.values()) == 5
    )


def test_it_groups_citizenship_as_this_country_other_eu_and_outside() -> None:
    assert counts("citizenship") == {"national": 1, "eu": 2, "non_eu": 2, "unknown": 0}


def test_it_derives_one_form_of_exploitation_per_child_from_the_screening() -> None:
    result = counts("exploitation")
    # Sextortion and a sexual indicator: sexual comes first; an unknown (newer) id is "other".
    assert result == {
        "sexual": 2, "online_sexual": 0, "forced_labour": 0, "forced_criminality": 1,
        "begging": 1, "forced_marriage": 0, "other": 1, "not_established": 0,
    }  # fmt: skip


def test_it_counts_online_offline_and_both() -> None:
    assert counts("online") == {"online": 0, "offline": 4, "both": 1, "unknown": 0}


def test_it_counts_the_path_of_the_decision_in_force() -> None:
    assert counts("path") == {
        "social": 1, "criminal_justice": 1, "judicial": 0, "presumption": 3, "unknown": 0,
    }  # fmt: skip


def test_it_counts_the_deciding_sector_in_htcds_terms() -> None:
    assert counts("deciding_sector") == {
        "Police": 0, "NGO": 1, "CourtOrProsecution": 0,
        "NonPoliceGovernmentalOrganization": 3, "Other": 1,
    }  # fmt: skip


def test_it_counts_how_the_child_came_to_notice() -> None:
    result = counts("came_to_notice")
    assert {k: v for k, v in result.items() if v} == {
        "school": 1, "police": 1, "online": 1, "border": 1, "health": 1,
    }  # fmt: skip


def test_it_counts_unaccompanied_children() -> None:
    assert counts("unaccompanied") == {"yes": 2, "no": 2, "unknown": 1}


def test_it_counts_nothing_outside_the_period() -> None:
    assert counts("status", quarter(2025, 2)) == {
        "registered": 0, "at_risk": 0, "not_victim": 0, "none": 0,
    }  # fmt: skip


def test_it_cross_tabulates_sex_by_form_of_exploitation() -> None:
    result = selectors.table("sex", year(2025), by="exploitation", protection=EXACT)
    female = dict(zip([c for c, _l in result.cols], result.cells[0], strict=True))
    assert female["sexual"] == 2 and female["other"] == 1 and female["begging"] == 0
    assert result.row_totals[:2] == [3, 2] and result.total == 5


def test_it_refuses_an_unknown_table() -> None:
    with pytest.raises(selectors.StatisticsError, match="unknown_table"):
        selectors.table("children_by_name", Q1)


def test_it_refuses_a_breakdown_the_table_cannot_take() -> None:
    with pytest.raises(selectors.StatisticsError, match="unknown_breakdown"):
        selectors.table("sex", Q1, by="urgency")


def test_it_counts_only_an_organisations_cases_when_asked(orgs: dict[str, Organisation]) -> None:
    assert counts("status", organisation=orgs["other_social"])["registered"] == 0
    assert counts("status", organisation=orgs["social"])["registered"] == 5


def test_it_counts_referrals_by_service_urgency_outcome_and_partner_country(
    orgs: dict[str, Organisation],
) -> None:
    from childpath.stats import facts

    abroad = Organisation.objects.create(name="Abroad (fictional)", sector="ngo", country="BG")
    place = make_place(orgs["shelter"])
    first = Case.objects.order_by("pk").first()
    assert first is not None
    add_referral(first, place, orgs["shelter"], need="safe_accommodation", urgency="urgent")
    add_referral(first, place, abroad, need="family_tracing", status="declined")
    facts.rebuild()
    assert counts("referral_service")["safe_accommodation"] == 1
    assert counts("referral_urgency") == {"emergency": 0, "urgent": 1, "routine": 1}
    assert counts("referral_outcome")["declined"] == 1
    assert counts("cross_border") == {"BG": 1, "other": 0}


def test_it_counts_the_same_tables_in_one_scan_as_one_by_one() -> None:
    from childpath.stats.definitions import TABLES

    together = selectors.many(TABLES, Q1, protection=EXACT)
    for result in together:
        alone = selectors.table(result.table.name, Q1, protection=EXACT)
        assert result.cells == alone.cells and result.total == alone.total, result.table.name


def _rollup() -> set[tuple[object, ...]]:
    from childpath.stats.models import Rollup

    return set(
        Rollup.objects.exclude(n=0).values_list(
            "month", "organisation", "name", "universe", "value", "n"
        )
    )


def test_it_keeps_the_roll_up_in_step_with_the_facts_on_every_write(
    django_capture_on_commit_callbacks: Any,
) -> None:
    from childpath.identification.models import Decision
    from childpath.stats.tests.conftest import MARCH

    case = Case.objects.order_by("pk")[6]  # the child with no status yet
    with django_capture_on_commit_callbacks(execute=True):
        Decision.objects.create(
            case=case, status="presumed", basis="screening", decided_at=MARCH, recorded_at=MARCH
        )
    assert counts("status")["registered"] == 6
    incremental = _rollup()
    from childpath.stats import rollup

    rollup.rebuild()
    assert _rollup() == incremental

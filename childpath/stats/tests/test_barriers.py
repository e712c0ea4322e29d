"""The barrier indicators against a fixed timeline on the fixed dataset (conftest): presumed
two days after the concern, one child informed in the language the child speaks, one referral
to psychosocial support accepted in time and one declined late."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from childpath.accounts.models import Organisation
from childpath.cases.models import Case
from childpath.stats import barriers, facts, selectors
from childpath.stats.barriers import Figure
from childpath.stats.periods import quarter
from childpath.stats.tests.conftest import MARCH, add_referral, inform, make_place

EXACT = selectors.Protection(threshold=0)


@pytest.fixture
def figures(dataset: list[Case], orgs: dict[str, Organisation]) -> dict[str, Figure]:
    first, second = dataset[0], dataset[1]
    place = make_place(orgs["shelter"])
    day = timedelta(days=1)
    add_referral(first, place, orgs["shelter"], need="psychosocial_support", sent=MARCH + day,
                 answered=2 * day, status="accepted")  # fmt: skip
    add_referral(second, place, orgs["shelter"], need="safe_accommodation", sent=MARCH + day,
                 answered=6 * day, status="declined")  # fmt: skip
    inform(first, orgs["social"], MARCH + 3 * day, "sv")
    inform(second, orgs["social"], MARCH + 3 * day, "en")  # not a language the child speaks
    facts.rebuild()
    result = barriers.indicators(quarter(2025, 1), protection=EXACT)
    return {f.name: f for group in ("times", "shares") for f in result[group]}


def test_it_measures_the_median_and_90th_percentile_time_to_presumption(
    figures: dict[str, Figure],
) -> None:
    # Presumed at 2 days after 09:00 on 10 March; the concerns came at 09:00, 10:00, ... 16:00.
    assert figures["to_presumed"].n == 5
    assert figures["to_presumed"].median == 1.9 and figures["to_presumed"].p90 == 2.0


def test_it_measures_the_time_to_information_in_the_childs_language(
    figures: dict[str, Figure],
) -> None:
    assert figures["to_informed"].n == 1 and figures["to_informed"].median == 3.0


def test_it_measures_the_time_to_the_first_accepted_referral(figures: dict[str, Figure]) -> None:
    assert figures["to_accepted_referral"].median == 3.0


def test_it_measures_the_time_to_formal_identification(figures: dict[str, Figure]) -> None:
    assert figures["to_identified"].n == 2 and figures["to_identified"].median == 11.9


def test_it_counts_the_share_informed_in_their_language(figures: dict[str, Figure]) -> None:
    assert figures["informed_in_language"].share == 20.0


def test_it_counts_the_share_of_referrals_answered_in_time(figures: dict[str, Figure]) -> None:
    assert figures["answered_in_time"].share == 50.0


def test_it_counts_the_share_without_follow_up_after_30_days(figures: dict[str, Figure]) -> None:
    assert figures["no_follow_up"].n == 8 and figures["no_follow_up"].share == 75.0


def test_it_counts_the_share_offered_psychosocial_support(figures: dict[str, Figure]) -> None:
    assert figures["psychosocial_offered"].share == 20.0


def test_it_counts_the_share_without_a_pathway_for_more_than_7_days(
    figures: dict[str, Figure],
) -> None:
    assert figures["without_pathway_7_days"].share == 80.0


def test_it_suppresses_a_share_when_a_part_is_under_the_threshold(dataset: list[Case]) -> None:
    result = barriers.indicators(quarter(2025, 1), protection=selectors.Protection(threshold=3))
    shares = {f.name: f for f in result["shares"]}
    # One child of five informed: both the share and its base are withheld, never shown as 0.
    assert shares["informed_in_language"].share is None and shares["informed_in_language"].n is None


def test_it_gives_each_indicator_month_by_month_protected_on_its_own(
    dataset: list[Case], login: Any, analyst: Any
) -> None:
    result = barriers.indicators(quarter(2025, 1), protection=EXACT, trends=True)
    presumed = next(f for f in result["times"] if f.name == "to_presumed")
    # Everyone came to notice in March: January and February have no one (suppressed, not 0).
    assert [value for _month, value in presumed.trend] == [None, None, presumed.median]
    follow = next(f for f in result["shares"] if f.name == "no_follow_up")
    assert follow.trend[-1][1] == follow.share
    protected = barriers.indicators(quarter(2025, 1), trends=True)  # threshold 10: 8 children
    assert all(value is None for f in protected["times"] for _m, value in f.trend)
    page = login(analyst).get("/statistics/indicators/?quarter=2025-Q1")
    assert b"Each indicator in each month (or quarter)" in page.content
    assert b'id="trend-to_presumed-title"' in page.content

"""What an age assessment may record, and when a handover plan is due: pure rules."""

from datetime import date, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from childpath.age_assessment.rules import (
    AssessmentInput,
    Problem,
    check_assessment,
    days_left,
    first_of_month,
    handover_needed,
)

TODAY = date(2026, 6, 15)


def _check(earlier=("interview",), **overrides: Any):
    values: dict[str, Any] = {
        "method": "multidisciplinary",
        "minimum": 15,
        "maximum": 17,
        "assessed_on": TODAY,
        "outcome": "child",
        "concluded": True,
    }
    values.update(overrides)
    return check_assessment(AssessmentInput(**values), today=TODAY, earlier_methods=earlier)


def test_it_accepts_a_concluded_range():
    assert _check() == {}


def test_it_refuses_a_minimum_above_the_maximum():
    assert _check(minimum=17, maximum=15) == {"minimum_age": [Problem.MINIMUM_ABOVE_MAXIMUM]}


def test_it_accepts_a_range_of_one_year():
    assert _check(minimum=16, maximum=16) == {}


def test_it_refuses_an_age_above_30():
    assert _check(minimum=15, maximum=31) == {"maximum_age": [Problem.OUT_OF_RANGE]}


def test_it_refuses_a_negative_age():
    assert _check(minimum=-1, maximum=3)["minimum_age"] == [Problem.OUT_OF_RANGE]


def test_it_refuses_half_a_range():
    assert _check(minimum=None, maximum=17) == {"minimum_age": [Problem.HALF_A_RANGE]}


def test_it_refuses_a_future_date():
    assert _check(assessed_on=TODAY + timedelta(days=1)) == {"assessed_on": [Problem.FUTURE_DATE]}


def test_it_accepts_todays_date():
    assert _check(assessed_on=TODAY) == {}


def test_it_needs_a_range_to_conclude_child_or_adult():
    assert _check(minimum=None, maximum=None) == {"minimum_age": [Problem.RANGE_REQUIRED]}


def test_it_accepts_an_assessment_under_way_without_a_range():
    assert _check(minimum=None, maximum=None, concluded=False) == {}


def test_it_accepts_an_undetermined_outcome_without_a_range():
    assert _check(minimum=None, maximum=None, outcome="undetermined") == {}


def test_it_refuses_an_adult_outcome_with_a_lower_bound_under_18():
    assert _check(minimum=17, maximum=20, outcome="adult") == {
        "outcome": [Problem.ADULT_BUT_LOWER_BOUND_CHILD]
    }


def test_it_accepts_an_adult_outcome_from_18():
    assert _check(minimum=18, maximum=21, outcome="adult") == {}


def test_it_refuses_a_child_outcome_with_a_lower_bound_of_18():
    assert _check(minimum=18, maximum=21, outcome="child") == {
        "outcome": [Problem.CHILD_BUT_LOWER_BOUND_ADULT]
    }


def test_it_refuses_an_unknown_method():
    assert _check(method="guesswork") == {"method": [Problem.UNKNOWN_METHOD]}


def test_it_refuses_an_unknown_outcome():
    assert _check(outcome="maybe") == {"outcome": [Problem.UNKNOWN_OUTCOME]}


def test_it_refuses_a_medical_examination_first():
    assert _check(method="medical", earlier=()) == {"method": [Problem.MEDICAL_FIRST]}


def test_it_refuses_a_medical_examination_after_only_medical_ones():
    assert _check(method="medical", earlier=("medical",)) == {"method": [Problem.MEDICAL_FIRST]}


def test_it_accepts_a_medical_examination_as_a_last_resort():
    assert _check(method="medical", earlier=("documents",)) == {}


def test_it_reports_every_field_at_once():
    problems = _check(method="x", assessed_on=TODAY + timedelta(days=3), minimum=20, maximum=19)
    assert set(problems) == {"method", "assessed_on", "minimum_age"}


@given(
    minimum=st.one_of(st.none(), st.integers(-5, 40)),
    maximum=st.one_of(st.none(), st.integers(-5, 40)),
    outcome=st.sampled_from(["child", "adult", "undetermined"]),
    concluded=st.booleans(),
)
def test_it_accepts_only_ranges_that_give_the_benefit_of_the_doubt(
    minimum, maximum, outcome, concluded
):
    problems = _check(minimum=minimum, maximum=maximum, outcome=outcome, concluded=concluded)
    if not problems and minimum is not None:
        assert 0 <= minimum <= maximum <= 30
        assert (outcome == "adult") <= (minimum >= 18)
        assert (outcome == "child") <= (minimum < 18)
    if not problems and concluded and outcome != "undetermined":
        assert minimum is not None


# ---------------------------------------------------------------------------- turning 18

REGISTERED = date(2026, 1, 10)
HORIZON = TODAY + timedelta(days=180)


def test_it_asks_for_a_plan_within_the_notice():
    assert handover_needed(turns_18_on=HORIZON, registered_on=REGISTERED, horizon=HORIZON)


def test_it_does_not_ask_before_the_notice():
    later = HORIZON + timedelta(days=1)
    assert not handover_needed(turns_18_on=later, registered_on=REGISTERED, horizon=HORIZON)


def test_it_keeps_asking_after_the_birthday():
    assert handover_needed(turns_18_on=TODAY, registered_on=REGISTERED, horizon=HORIZON)


def test_it_does_not_ask_for_someone_already_18_when_the_case_opened():
    before = REGISTERED - timedelta(days=1)
    assert not handover_needed(turns_18_on=before, registered_on=REGISTERED, horizon=HORIZON)


def test_it_does_not_ask_without_a_known_age():
    assert not handover_needed(turns_18_on=None, registered_on=REGISTERED, horizon=HORIZON)


def test_it_counts_days_left():
    assert [days_left(TODAY + timedelta(days=n), TODAY) for n in (3, 0, -2)] == [3, 0, -2]


@given(day=st.dates(date(2000, 1, 1), date(2040, 12, 31)))
def test_it_puts_every_day_in_its_month(day):
    month = first_of_month(day)
    assert (month.year, month.month, month.day) == (day.year, day.month, 1)
    assert month <= day

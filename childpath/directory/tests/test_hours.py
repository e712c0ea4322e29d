"""Opening hours from HSDS schedules (RRULE fields): open now, past midnight, 24/7."""

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from childpath.directory.hours import (
    Rule,
    applicable,
    applies_on,
    is_always_open,
    is_open,
    rule_open,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
OFFICE = Rule(opens_at=time(9), closes_at=time(17), freq="WEEKLY", byday="MO,TU,WE,TH,FR")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2026-03-02 09:00", True),  # a Monday, opening time
        ("2026-03-02 16:59", True),
        ("2026-03-02 17:00", False),  # closing time is closed
        ("2026-03-02 08:59", False),
        ("2026-03-07 12:00", False),  # Saturday
    ],
)
def test_weekday_office_hours(moment, expected):
    assert rule_open(OFFICE, at(moment), STOCKHOLM) is expected


def test_hours_past_midnight_belong_to_the_day_they_start():
    night = Rule(opens_at=time(22), closes_at=time(6), freq="WEEKLY", byday="FR")
    assert rule_open(night, at("2026-03-06 23:00"), STOCKHOLM)  # Friday night
    assert rule_open(night, at("2026-03-07 05:59"), STOCKHOLM)  # Saturday morning
    assert not rule_open(night, at("2026-03-07 23:00"), STOCKHOLM)  # Saturday night


def test_a_rule_without_hours_tells_nothing():
    assert is_open([Rule(byday="MO")], at("2026-03-02 10:00"), STOCKHOLM) is None
    assert is_open([], at("2026-03-02 10:00"), STOCKHOLM) is None


def test_any_open_rule_makes_it_open():
    evening = Rule(opens_at=time(18), closes_at=time(21), byday="MO")
    assert is_open([OFFICE, evening], at("2026-03-02 19:00"), STOCKHOLM) is True
    assert is_open([OFFICE, evening], at("2026-03-02 22:00"), STOCKHOLM) is False


def test_validity_dates_limit_a_rule():
    summer = Rule(
        opens_at=time(9),
        closes_at=time(17),
        valid_from=date(2026, 6, 1),
        valid_to=date(2026, 8, 31),
    )
    assert not rule_open(summer, at("2026-03-02 10:00"), STOCKHOLM)
    assert rule_open(summer, at("2026-07-01 10:00"), STOCKHOLM)


def test_a_fixed_utc_offset_replaces_the_local_time_zone():
    rule = Rule(opens_at=time(9), closes_at=time(10), timezone=3)
    # 06:30 UTC is 09:30 at UTC+3.
    assert rule_open(rule, datetime(2026, 3, 2, 6, 30, tzinfo=UTC), STOCKHOLM)


def test_every_other_week_counts_from_dtstart():
    rule = Rule(
        opens_at=time(9),
        closes_at=time(17),
        freq="WEEKLY",
        byday="MO",
        interval=2,
        dtstart=date(2026, 3, 2),
    )
    assert applies_on(rule, date(2026, 3, 2))
    assert not applies_on(rule, date(2026, 3, 9))
    assert applies_on(rule, date(2026, 3, 16))


def test_monthly_rules_by_weekday_ordinal_and_by_day_of_month():
    first_monday = Rule(freq="MONTHLY", byday="1MO")
    last_friday = Rule(freq="MONTHLY", byday="-1FR")
    fifteenth = Rule(freq="MONTHLY", bymonthday="15,-1")
    assert applies_on(first_monday, date(2026, 3, 2)) and not applies_on(
        first_monday, date(2026, 3, 9)
    )
    assert applies_on(last_friday, date(2026, 3, 27)) and not applies_on(
        last_friday, date(2026, 3, 20)
    )
    assert applies_on(fifteenth, date(2026, 3, 15)) and applies_on(fifteenth, date(2026, 3, 31))


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (Rule(opens_at=time(0), closes_at=time(23, 59), byday="MO,TU,WE,TH,FR,SA,SU"), True),
        (Rule(opens_at=time(0), closes_at=time(0)), True),
        (Rule(opens_at=time(0), closes_at=time(23, 59), byday="MO,TU,WE,TH,FR"), False),
        (Rule(opens_at=time(8), closes_at=time(23, 59)), False),
        (Rule(opens_at=time(0), closes_at=time(0), freq="MONTHLY", bymonthday="1"), False),
    ],
)
def test_always_open(rule, expected):
    assert is_always_open(rule) is expected


@given(
    st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
    )
)
def test_a_24_7_rule_is_open_at_every_moment(moment):
    rule = Rule(opens_at=time(0), closes_at=time(23, 59, 59), byday="MO,TU,WE,TH,FR,SA,SU")
    assert rule_open(rule, moment, STOCKHOLM) or moment.astimezone(STOCKHOLM).time() > time(
        23, 59, 59
    )


@given(
    st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
    ),
    st.integers(min_value=0, max_value=23),
    st.integers(min_value=0, max_value=23),
)
def test_open_means_within_the_hours_of_a_matching_day(moment, opens, closes):
    rule = Rule(opens_at=time(opens), closes_at=time(closes), byday="MO")
    local = moment.astimezone(timezone(timedelta(hours=1)))
    rule = Rule(opens_at=rule.opens_at, closes_at=rule.closes_at, byday="MO", timezone=1)
    if rule_open(rule, moment, STOCKHOLM):
        today_monday = local.weekday() == 0
        yesterday_monday = local.weekday() == 1
        assert today_monday or (yesterday_monday and closes <= opens)


def test_the_most_specific_schedules_apply():
    own, service, place = [OFFICE], [Rule(byday="SA")], [Rule(byday="SU")]
    assert applicable(own, service, place) == own
    assert applicable([], service, place) == service
    assert applicable([], [], place) == place

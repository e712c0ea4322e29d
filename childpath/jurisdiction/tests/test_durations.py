from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from childpath.jurisdiction.durations import Duration, DurationError

MONDAY = datetime(2026, 11, 23, 10, 0)


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("4 hours", MONDAY, MONDAY + timedelta(hours=4)),
        ("1 days", MONDAY, MONDAY + timedelta(days=1)),
        ("30 days", MONDAY, MONDAY + timedelta(days=30)),
        ("2 working_days", MONDAY, datetime(2026, 11, 25, 10, 0)),
        # Friday + 2 working days = Tuesday.
        ("2 working_days", datetime(2026, 11, 27, 16, 0), datetime(2026, 12, 1, 16, 0)),
        # Saturday: the count starts on Monday.
        ("1 working_days", datetime(2026, 11, 28, 9, 0), datetime(2026, 12, 1, 9, 0)),
        ("5 working_days", MONDAY, datetime(2026, 11, 30, 10, 0)),
    ],
)
def test_deadlines(text: str, start: datetime, expected: datetime) -> None:
    assert Duration.parse(text).after(start) == expected


@pytest.mark.parametrize("text", ["", "soon", "5", "five days", "-1 days", "3 weeks", 5, None])
def test_what_is_not_a_time_limit(text: object) -> None:
    with pytest.raises(DurationError):
        Duration.parse(text)


@given(
    amount=st.integers(min_value=1, max_value=60),
    start=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)),
)
def test_working_days_end_on_a_weekday_no_sooner_than_calendar_days(
    amount: int, start: datetime
) -> None:
    end = Duration(amount, "working_days").after(start)
    assert end.weekday() < 5
    assert end - start >= timedelta(days=amount)
    assert end.time() == start.time()
    # At most two weekend days per started week, plus a weekend start.
    assert end - start <= timedelta(days=amount + 2 * (amount // 5 + 1) + 2)

"""Periods of the statistics: a year, a quarter, or dates widened to whole months. A pure core.

Every period is a run of whole months, so that the atoms of disclosure control (disclosure.py)
tile it; dates inside a month are widened to the whole month, and the page says so.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date


class PeriodError(ValueError):
    """A period that cannot be used; ``code`` picks the translated message."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, order=True)
class Period:
    start: date  # the first day of a month
    end: date  # the last day of a month

    @property
    def key(self) -> str:
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    def months(self) -> list[date]:
        """The first day of every month in the period."""
        result, month = [], self.start
        while month <= self.end:
            result.append(month)
            month = next_month(month)
        return result

    def years(self) -> list[int]:
        return list(range(self.start.year, self.end.year + 1))

    def atoms(self, unit: str) -> list[tuple[date, date]]:
        """The atoms (month or quarter) of disclosure control, as (first month, last month)."""
        if unit == "month":
            return [(m, m) for m in self.months()]
        quarters: dict[tuple[int, int], list[date]] = {}
        for m in self.months():
            quarters.setdefault((m.year, (m.month - 1) // 3), []).append(m)
        return [(ms[0], ms[-1]) for ms in quarters.values()]

    def previous(self) -> Period:
        """The period of the same number of months just before this one (for trends)."""
        count = len(self.months())
        start = self.start
        for _ in range(count):
            start = previous_month(start)
        return Period(start, previous_month(self.start).replace(day=last_day(start)))


def last_day(month: date) -> int:
    return calendar.monthrange(month.year, month.month)[1]


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def previous_month(month: date) -> date:
    return date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)


def month_end(month: date) -> date:
    return month.replace(day=last_day(month))


def year(value: int) -> Period:
    return Period(date(value, 1, 1), date(value, 12, 31))


def quarter(value: int, number: int) -> Period:
    first = date(value, 3 * (number - 1) + 1, 1)
    return Period(first, month_end(date(value, 3 * number, 1)))


_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)
_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _day(raw: str, *, end: bool) -> date:
    raw = raw.strip()
    try:
        if match := _MONTH.match(raw):
            first = date(int(match[1]), int(match[2]), 1)
            return month_end(first) if end else first
        return date.fromisoformat(raw)
    except ValueError:
        raise PeriodError("bad_date") from None


def parse(
    *,
    year_value: str = "",
    quarter_value: str = "",
    start: str = "",
    end: str = "",
    today: date,
) -> Period:
    """Build a period from a year ("2026"), a quarter ("2026-Q1") or dates ("2026-01-15",
    "2026-03"); dates are widened to whole months. Refuses a period that ends before it starts
    or starts after today."""
    if quarter_value:
        match = _QUARTER.match(quarter_value.strip())
        if not match:
            raise PeriodError("bad_quarter")
        period = quarter(int(match[1]), int(match[2]))
    elif year_value:
        if not _YEAR.match(year_value.strip()):
            raise PeriodError("bad_year")
        period = year(int(year_value))
    elif start or end:
        if not (start and end):
            raise PeriodError("both_dates")
        first, last = _day(start, end=False), _day(end, end=True)
        if last < first:
            raise PeriodError("ends_before_start")
        period = Period(first.replace(day=1), month_end(last))
    else:
        period = year(today.year)
    if period.start > today:
        raise PeriodError("future")
    if period.start.year < 2000 or len(period.months()) > 120:
        raise PeriodError("too_long")
    return period


def widen(period: Period, unit: str) -> Period:
    """Widen a period to whole quarters when the atoms are quarters."""
    if unit != "quarter":
        return period
    start = date(period.start.year, 3 * ((period.start.month - 1) // 3) + 1, 1)
    last = date(period.end.year, 3 * ((period.end.month - 1) // 3) + 3, 1)
    return Period(start, month_end(last))

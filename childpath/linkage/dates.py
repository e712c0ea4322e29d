"""Dates of birth as children on the move have them: full, a year, a month, or an age range.

``parse_date`` accepts ``2009-03-14``, ``14.03.2009``, ``14/03/2009``, ``2009-03``, ``2009``,
a range of years ``2008-2010`` (or ``2008/2010``, ``2008..2010``) and empty (unknown). An
impossible date (30 February, month 13, a year before 1900 or in the future) is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

MIN_YEAR = 1900


class DateError(ValueError):
    """A date of birth that is not a date."""


@dataclass(frozen=True)
class BirthDate:
    """What is known of a date of birth. ``year_low``..``year_high`` always spans the year(s)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    year_low: int | None = None
    year_high: int | None = None

    @property
    def known(self) -> bool:
        return self.year_low is not None

    @property
    def full(self) -> bool:
        return self.day is not None

    @property
    def first_of_january(self) -> bool:
        """1 January: the default many registries enter for an unknown day and month."""
        return self.month == 1 and self.day == 1

    def canonical(self) -> str:
        if self.full:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        if self.year is not None:
            return f"{self.year:04d}"
        if self.year_low is not None:
            return f"{self.year_low:04d}..{self.year_high:04d}"
        return ""


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_YM = re.compile(r"^(\d{4})-(\d{1,2})$")
_Y = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4})\s*(?:-|/|\.\.|–)\s*(\d{4})$")


def _check_year(year: int, today: date) -> int:
    if year < MIN_YEAR or year > today.year:
        raise DateError(f"year {year} is outside {MIN_YEAR}–{today.year}")
    return year


def parse_date(text: str, *, today: date | None = None) -> BirthDate:
    today = today or datetime.now(UTC).date()
    value = (text or "").strip()
    if not value:
        return BirthDate()
    if match := _RANGE.match(value):
        low, high = (_check_year(int(group), today) for group in match.groups())
        if low > high:
            raise DateError(f"range {value!r} ends before it starts")
        if low == high:
            return BirthDate(year=low, year_low=low, year_high=low)
        return BirthDate(year_low=low, year_high=high)
    full = _ISO.match(value)
    if full:
        year, month, day = (int(group) for group in full.groups())
    elif dmy := _DMY.match(value):
        day, month, year = (int(group) for group in dmy.groups())
    elif ym := _YM.match(value):
        year, month = (int(group) for group in ym.groups())
        _check_year(year, today)
        if not 1 <= month <= 12:
            raise DateError(f"month {month} does not exist")
        return BirthDate(year=year, month=month, year_low=year, year_high=year)
    elif y := _Y.match(value):
        year = _check_year(int(y.group(1)), today)
        return BirthDate(year=year, year_low=year, year_high=year)
    else:
        raise DateError(f"{value!r} is not a date (use YYYY-MM-DD, a year, or a range YYYY-YYYY)")
    _check_year(year, today)
    try:
        parsed = date(year, month, day)
    except ValueError as error:
        raise DateError(f"{value!r} does not exist ({error})") from None
    if parsed > today:
        raise DateError(f"{value!r} is in the future")
    return BirthDate(year=year, month=month, day=day, year_low=year, year_high=year)

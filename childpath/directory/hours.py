"""Opening hours from HSDS schedules: "open now" and "open 24/7". Pure: no Django.

HSDS v3 schedules follow iCalendar RRULE (RFC 5545): ``freq`` WEEKLY or MONTHLY, ``byday``
("MO,TU"; in monthly rules "1MO" is the first Monday, "-1FR" the last Friday), ``bymonthday``,
``byweekno``, ``interval`` counted from ``dtstart``, limits ``valid_from``/``valid_to``/``until``,
and the hours ``opens_at``-``closes_at`` on each day that matches. A ``closes_at`` earlier than
``opens_at`` runs past midnight. ``count`` is not evaluated (it needs every past occurrence):
such a rule is treated as open-ended. ``timezone`` is a UTC offset in hours; without it the
instance's time zone applies.

The schedules of a service at a location are, most specific first: its own, the service's,
the location's (``applicable``); a rule without both hours says nothing about "open now".
"""

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
END_OF_DAY = (time(23, 59), time(23, 59, 59))


@dataclass(frozen=True)
class Rule:
    opens_at: time | None = None
    closes_at: time | None = None
    freq: str = ""
    byday: str = ""
    bymonthday: str = ""
    byweekno: str = ""
    interval: int | None = None
    dtstart: date | None = None
    until: date | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    timezone: float | None = None


def _items(text: str) -> list[str]:
    return [item.strip().upper() for item in text.split(",") if item.strip()]


def _weekdays(rule: Rule) -> set[int]:
    """Plain weekday codes of ``byday`` (ordinals dropped), as Python weekday numbers."""
    return {DAYS.index(item[-2:]) for item in _items(rule.byday) if item[-2:] in DAYS}


def _within_limits(rule: Rule, day: date) -> bool:
    if rule.valid_from and day < rule.valid_from:
        return False
    if rule.valid_to and day > rule.valid_to:
        return False
    if rule.dtstart and day < rule.dtstart:
        return False
    return not (rule.until and day > rule.until)


def _nth_weekday(day: date, item: str) -> bool:
    """Whether ``day`` is the weekday ``item`` names ("1MO", "-1FR", "MO") within its month."""
    code, ordinal = item[-2:], item[:-2]
    if code not in DAYS or day.weekday() != DAYS.index(code):
        return False
    if not ordinal or ordinal in "+-":
        return True
    number = int(ordinal)
    if number > 0:
        return (day.day - 1) // 7 + 1 == number
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    return (days_in_month - day.day) // 7 + 1 == -number


def _monthday(day: date, item: str) -> bool:
    number = int(item)
    if number > 0:
        return day.day == number
    return day.day == calendar.monthrange(day.year, day.month)[1] + number + 1


def applies_on(rule: Rule, day: date) -> bool:
    """Whether the rule's hours apply on this (local) date."""
    if not _within_limits(rule, day):
        return False
    weeknos = _items(rule.byweekno)
    if weeknos and str(day.isocalendar().week) not in {w.lstrip("+") for w in weeknos}:
        return False
    interval = max(rule.interval or 1, 1)
    if rule.freq == "MONTHLY":
        if rule.dtstart and interval > 1:
            months = (day.year - rule.dtstart.year) * 12 + day.month - rule.dtstart.month
            if months % interval:
                return False
        days, monthdays = _items(rule.byday), _items(rule.bymonthday)
        if not days and not monthdays:
            return rule.dtstart is not None and day.day == rule.dtstart.day
        return any(_nth_weekday(day, d) for d in days) or any(_monthday(day, m) for m in monthdays)
    if rule.dtstart and interval > 1:
        start_week = rule.dtstart - timedelta(days=rule.dtstart.weekday())
        if ((day - timedelta(days=day.weekday()) - start_week).days // 7) % interval:
            return False
    weekdays = _weekdays(rule)
    # A weekly rule without days, or a rule without frequency, means every day.
    return not weekdays or day.weekday() in weekdays


def _local(rule: Rule, now: datetime, default: tzinfo) -> datetime:
    if rule.timezone is not None:
        return now.astimezone(timezone(timedelta(hours=rule.timezone)))
    return now.astimezone(default)


def rule_open(rule: Rule, now: datetime, default: tzinfo) -> bool | None:
    """True or False at ``now`` (aware); None when the rule has no hours to tell."""
    opens, closes = rule.opens_at, rule.closes_at
    if opens is None or closes is None:
        return None
    local = _local(rule, now, default)
    today, moment = local.date(), local.time().replace(tzinfo=None)
    if closes in END_OF_DAY:
        return applies_on(rule, today) and moment >= opens
    if closes > opens:
        return applies_on(rule, today) and opens <= moment < closes
    # Past midnight (22:00-06:00), or all day (00:00-00:00).
    yesterday = today - timedelta(days=1)
    return (applies_on(rule, today) and moment >= opens) or (
        applies_on(rule, yesterday) and moment < closes
    )


def is_open(rules: Sequence[Rule], now: datetime, default: tzinfo) -> bool | None:
    """Open if any rule says so; None if no rule has hours (nobody can tell)."""
    answers = [rule_open(rule, now, default) for rule in rules]
    known = [answer for answer in answers if answer is not None]
    if not known:
        return None
    return any(known)


def is_always_open(rule: Rule) -> bool:
    """Every day, all day: 00:00 to 00:00 (or 23:59), on all seven days or with no days named."""
    if rule.freq not in ("", "WEEKLY") or rule.opens_at != time(0):
        return False
    if rule.closes_at not in (time(0), *END_OF_DAY):
        return False
    days = _weekdays(rule)
    return not days or days == set(range(7))


def applicable(
    own: Sequence[Rule], service: Sequence[Rule], location: Sequence[Rule]
) -> Sequence[Rule]:
    """The schedules that govern a service at a location, most specific first (HSDS)."""
    return own or service or location

"""When a service opens next, from its HSDS schedules. Pure: no Django."""

from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo

from childpath.directory.hours import Rule, applies_on

LOOK_AHEAD_DAYS = 8


def next_opening(rules: Sequence[Rule], now: datetime, zone: tzinfo) -> datetime | None:
    """The first time after ``now`` one of the rules opens, within a week; None if none does."""
    local = now.astimezone(zone)
    found: list[datetime] = []
    for rule in rules:
        if rule.opens_at is None or rule.closes_at is None:
            continue
        for offset in range(LOOK_AHEAD_DAYS):
            day = local.date() + timedelta(days=offset)
            if not applies_on(rule, day):
                continue
            opening = datetime.combine(day, rule.opens_at, tzinfo=zone)
            if opening > local:
                found.append(opening)
                break
    return min(found) if found else None

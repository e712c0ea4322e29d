"""Time limits of a procedure: "4 hours", "5 working days", "30 days". A pure core.

A limit is written in a profile as ``"<amount> <unit>"`` with the unit ``hours``, ``days`` or
``working_days``. Working days are Monday to Friday, counted in the instance's local time; public
holidays are not known to this module (a profile that needs them can shorten its limits), so a
working-day deadline is never later than the law's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

UNITS = ("hours", "days", "working_days")
_FORM = re.compile(r"^\s*(\d{1,4})\s+(hours|days|working_days)\s*$")


class DurationError(ValueError):
    """A time limit that cannot be read."""


@dataclass(frozen=True)
class Duration:
    amount: int
    unit: str

    @classmethod
    def parse(cls, text: object) -> Duration:
        match = _FORM.match(str(text)) if isinstance(text, str) else None
        if match is None:
            raise DurationError(
                f"{text!r} is not a time limit: write '<number> hours', '<number> days' "
                "or '<number> working_days'"
            )
        return cls(int(match.group(1)), match.group(2))

    def after(self, start: datetime) -> datetime:
        """The moment this limit runs out when it starts at ``start`` (aware or naive alike).

        Working days skip Saturdays and Sundays; a limit that starts at the weekend runs from
        the next Monday at the same time of day.
        """
        if self.unit == "hours":
            return start + timedelta(hours=self.amount)
        if self.unit == "days":
            return start + timedelta(days=self.amount)
        moment = start
        while moment.weekday() >= 5:
            moment += timedelta(days=1)
        left = self.amount
        while left:
            moment += timedelta(days=1)
            if moment.weekday() < 5:
                left -= 1
        return moment

    def __str__(self) -> str:
        return f"{self.amount} {self.unit}"

"""Date formats per language (Django's FORMAT_MODULE_PATH): one date format per language.

Pages used to mix Django's long and short formats, so an English page showed "12/01/2026"
(American month-first) beside "Dec. 1, 2026". Every language here has one way to write a date
and one to write a date with a time; the short names are the same formats, so a template that
asks for either gets the same text. English is written day-month-year, as in Europe.
"""

from typing import NamedTuple


class Formats(NamedTuple):
    date: str
    datetime: str


def spelled_out(date: str, time_separator: str = " ") -> Formats:
    """A date with the month as a word (no day-month confusion across languages) and 24-hour
    times."""
    return Formats(date=date, datetime=f"{date}{time_separator}H:i")

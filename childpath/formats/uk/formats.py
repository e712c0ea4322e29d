"""Ukrainian: one date format and one date-and-time format (see childpath/formats)."""

from childpath.formats import spelled_out

_FORMATS = spelled_out("j E Y р.")
DATE_FORMAT = SHORT_DATE_FORMAT = _FORMATS.date
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = _FORMATS.datetime
TIME_FORMAT = "H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

"""Bulgarian: one date format and one date-and-time format (see childpath/formats)."""

from childpath.formats import Formats

# Numeric, as Bulgarian writes dates (Django's month names are capitalised, Bulgarian's are not).
_FORMATS = Formats(date="d.m.Y г.", datetime="d.m.Y г., H:i")
DATE_FORMAT = SHORT_DATE_FORMAT = _FORMATS.date
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = _FORMATS.datetime
TIME_FORMAT = "H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

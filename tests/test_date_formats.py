"""One date format per language, day before month, on every page (childpath/formats)."""

from datetime import date, datetime

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format

DAY = date(2026, 12, 1)
MOMENT = datetime(2026, 12, 1, 14, 5)


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_it_writes_a_date_one_way_per_language(language):
    with translation.override(language):
        assert date_format(DAY, "SHORT_DATE_FORMAT") == date_format(DAY, "DATE_FORMAT")
        assert date_format(MOMENT, "SHORT_DATETIME_FORMAT") == date_format(
            MOMENT, "DATETIME_FORMAT"
        )
        assert "14:05" in date_format(MOMENT, "DATETIME_FORMAT")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "1 December 2026"),
        ("sv", "1 december 2026"),
        ("bg", "01.12.2026 г."),
        ("sr", "1. децембар 2026."),
        ("sr-latn", "1. decembar 2026."),
        ("es", "1 de diciembre de 2026"),
        ("uk", "1 грудня 2026 р."),
    ],
)
def test_it_puts_the_day_before_the_month(language, expected):
    with translation.override(language):
        assert date_format(DAY) == expected

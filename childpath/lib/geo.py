"""Countries and languages with names in the user's language, from CLDR (Babel).

Codes are stored (ISO 3166-1 alpha-2, ISO 639); names are looked up at display time.
"""

from functools import lru_cache
from typing import Any

from babel import Locale, UnknownLocaleError
from django.utils.translation import get_language

# Codes CLDR lists that are not countries.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})

# Languages children in contact with European services often speak (reports in seeds/,
# Eurostat citizenship breakdowns). Any ISO 639 code is accepted; these are offered first.
COMMON_LANGUAGES = (
    "en",
    "sv",
    "bg",
    "sr",
    "es",
    "uk",
    "ru",
    "ro",
    "rom",
    "sq",
    "ar",
    "fa",
    "prs",
    "ps",
    "so",
    "ti",
    "am",
    "ku",
    "ckb",
    "tr",
    "fr",
    "de",
    "pl",
    "hu",
    "it",
    "pt",
    "vi",
    "zh",
    "bn",
    "ur",
    "hi",
    "pa",
    "ha",
    "yo",
    "ig",
    "tl",
    "th",
    "mk",
    "bs",
    "hr",
    "el",
    "uz",
    "tg",
    "ka",
)


@lru_cache(maxsize=16)
def _locale(lang: str) -> Locale:
    try:
        return Locale.parse(lang.replace("-latn", "_Latn").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale("en")


def _current() -> Locale:
    return _locale(get_language() or "en")


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    codes = (str(code) for code in Locale("en").territories)
    return frozenset(code for code in codes if len(code) == 2 and code.isalpha()) - _NOT_COUNTRIES


def country_name(code: str) -> str:
    return str(_current().territories.get(code, code))


def country_choices() -> list[tuple[str, str]]:
    return _country_choices(get_language() or "en")


@lru_cache(maxsize=16)
def _country_choices(lang: str) -> list[tuple[str, str]]:
    # Sorting 250 names per form page cost more than the rest of the page.
    names = _locale(lang).territories
    return sorted(((code, str(names.get(code, code))) for code in country_codes()), key=_by_name)


# ISO 639-3 codes whose name CLDR keeps under another key (Dari is "Persian, Afghanistan").
_NAME_KEYS = {"prs": "fa_AF"}


@lru_cache(maxsize=1)
def language_codes() -> frozenset[str]:
    """Every code accepted (stored data keep any ISO 639 code CLDR knows)."""
    codes = (str(code) for code in Locale("en").languages)
    return frozenset(code for code in codes if "_" not in code) | frozenset(_NAME_KEYS)


@lru_cache(maxsize=1)
def offered_language_codes() -> frozenset[str]:
    """The languages a form offers: the common ones and the ISO 639-1 list (about 180), not
    CLDR's 650, which include Klingon and Sumerian."""
    return frozenset(code for code in language_codes() if len(code) == 2) | set(COMMON_LANGUAGES)


def _name(names: Any, code: str) -> str:
    return str(names.get(_NAME_KEYS.get(code, code)) or names.get(code) or code)


def language_name(code: str) -> str:
    return _name(_current().languages, code)


def language_choices() -> list[tuple[str, str]]:
    return _language_choices(get_language() or "en")


@lru_cache(maxsize=16)
def _language_choices(lang: str) -> list[tuple[str, str]]:
    names = _locale(lang).languages
    return [(code, _name(names, code)) for code in COMMON_LANGUAGES] + sorted(
        (
            (code, _name(names, code))
            for code in offered_language_codes()
            if code not in COMMON_LANGUAGES
        ),
        key=_by_name,
    )


def _by_name(item: tuple[str, str]) -> str:
    return item[1].casefold()

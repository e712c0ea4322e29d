"""The languages of the help pages. The language lives in the address only (/help/<code>/):
no cookie, no session and no Accept-Language header decides it (DESIGN.md 6.10)."""

from django.conf import settings

# The URL code of each language (Django's language codes, settings.LANGUAGES).
CODES = ("en", "sv", "bg", "sr", "sr-latn", "es", "uk")


def name(code: str) -> str:
    """The language's name in itself ("Svenska", "Українська")."""
    return str(dict(settings.LANGUAGES)[code])


def choices() -> list[tuple[str, str]]:
    return [(code, name(code)) for code in CODES]

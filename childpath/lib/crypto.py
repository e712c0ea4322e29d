"""Encryption of identifying fields and the keyed blind index (DESIGN.md section 7).

Fernet (AES-128-CBC + HMAC-SHA256) from ``cryptography``; ``MultiFernet`` gives rotation:
the first key encrypts, every key decrypts. The blind index is an HMAC-SHA256 of a
normalised value, so an exact look-up never needs the clear value in the database.
"""

import hashlib
import hmac
import unicodedata
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty.")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            f"A FIELD_ENCRYPTION_KEYS entry is not a Fernet key: {error}"
        ) from error


def _current() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(value: str) -> str:
    return _current().encrypt(value.encode()).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return _current().decrypt(token.encode("ascii")).decode()
    except InvalidToken as error:
        # A value we cannot read is a configuration error (a lost or removed key),
        # never something to paper over with an empty string.
        raise ImproperlyConfigured(
            "An encrypted field cannot be read with the configured keys."
        ) from error


def rotate(token: str) -> str:
    """Re-encrypt under the newest key (for ``rotate_keys``)."""
    return _current().rotate(token.encode("ascii")).decode("ascii")


def normalise(value: str) -> str:
    """Case-, accent- and space-insensitive form used for exact matching.

    "Ána  María" and "ana maria" match; Cyrillic stays Cyrillic (transliteration
    belongs to cross-border linkage, not to this exact index).
    """
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.replace("-", " ").split())


def blind_index(*parts: str) -> str:
    """HMAC of the normalised parts, joined unambiguously."""
    message = "\x1f".join(normalise(part) for part in parts).encode()
    key = settings.BLIND_INDEX_KEY.encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()

"""Exact search by name (and date of birth) and by reference, through the keyed blind index.

A case is indexed under each of its names whole (``token``) and under every word of every
name (``word_tokens``): a given name, a family name, each word of each alias. A search for
"Mira" then finds every Mira the user may see, and "Mira Petrova" the cases that have both
words among their names. Each word is still matched exactly (case, accents, invisible
characters and word order aside): the index holds HMACs, never a prefix or the clear word.
"""

import re
from collections.abc import Iterable
from datetime import date

from childpath.lib.crypto import blind_index, normalise
from childpath.lib.text import clean_name

# Crockford's base32 without I, L, O, U (childpath.cases.references).
_REFERENCE = re.compile(r"^(?:CP)?([0-9A-HJKMNP-TV-Z]{8})$")


def words(name: str) -> list[str]:
    """The words of a name as the index compares them: NFC, invisible characters removed
    (as the forms store names, ``clean_name``), then case, accents and hyphens ignored."""
    return normalise(clean_name(name)).split()


def _name_key(name: str) -> str:
    # Word order differs between countries and records ("Ana Petrova" / "Petrova Ana").
    return " ".join(sorted(words(name)))


def token(name: str, date_of_birth: date | None) -> str:
    """The token of a whole name (with the date of birth, when given)."""
    if date_of_birth is None:
        return blind_index("name", _name_key(name))
    return blind_index("name+dob", _name_key(name), date_of_birth.isoformat())


def word_token(word: str, date_of_birth: date | None) -> str:
    """The token of one word of a name. Its own HMAC domain ("word"), so that a one-word
    name's word token never equals its whole-name token."""
    if date_of_birth is None:
        return blind_index("word", word)
    return blind_index("word+dob", word, date_of_birth.isoformat())


def tokens_for(names: Iterable[str], date_of_birth: date | None) -> set[str]:
    """Every token under which the case can be found: each name whole, and each word."""
    tokens = set()
    for name in names:
        tokens.add(token(name, None))
        if date_of_birth is not None:
            tokens.add(token(name, date_of_birth))
        for word in words(name):
            tokens.add(word_token(word, None))
            if date_of_birth is not None:
                tokens.add(word_token(word, date_of_birth))
    return tokens


def query_tokens(text: str, date_of_birth: date | None) -> list[str]:
    """The word tokens a case must all have to match ``text`` (each word once)."""
    return sorted({word_token(word, date_of_birth) for word in words(text)})


def reference_in(text: str) -> str | None:
    """The case reference ``text`` names, in its stored form, or None.

    Case-insensitive and tolerant of a missing or extra hyphen or space, and of a missing
    "CP" prefix: "cp4f7kq2mx", "4F7K-Q2MX" and "CP-4F7K-Q2MX" are the same reference.
    """
    # Spaces, and the hyphen and the dashes a phone or a word processor may put instead.
    compact = re.sub(r"[\s\-\u2010-\u2015]", "", clean_name(text)).upper()
    match = _REFERENCE.match(compact)
    if match is None:
        return None
    chars = match.group(1)
    return f"CP-{chars[:4]}-{chars[4:]}"

"""Exact search by name (and date of birth) through the keyed blind index."""

from collections.abc import Iterable
from datetime import date

from childpath.lib.crypto import blind_index, normalise
from childpath.lib.text import clean_name


def _name_key(name: str) -> str:
    # Word order differs between countries and records ("Ana Petrova" / "Petrova Ana").
    return " ".join(sorted(normalise(clean_name(name)).split()))


def token(name: str, date_of_birth: date | None) -> str:
    if date_of_birth is None:
        return blind_index("name", _name_key(name))
    return blind_index("name+dob", _name_key(name), date_of_birth.isoformat())


def tokens_for(names: Iterable[str], date_of_birth: date | None) -> set[str]:
    """Every token under which the case can be found."""
    tokens = set()
    for name in names:
        tokens.add(token(name, None))
        if date_of_birth is not None:
            tokens.add(token(name, date_of_birth))
    return tokens

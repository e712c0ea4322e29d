"""Pseudonymous case references: random, never derived from the child's data."""

import secrets

# Crockford's base32 without I, L, O, U: easy to read aloud and to type.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference() -> str:
    """For example ``CP-4F7K-Q2MX``: 40 random bits."""
    chars = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return f"CP-{chars[:4]}-{chars[4:]}"

"""Feedback codes: short, easy to type from paper, and stored only as a keyed hash. Pure."""

import secrets

# No 0/O, 1/I/L or 5/S: a child copies the code from a handout.
ALPHABET = "2346789ABCDEFGHJKMNPQRTUVWXYZ"
LENGTH = 8  # 29**8, about 5e11 codes: guessing is hopeless within the rate limits


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(text: str) -> str:
    """What the child typed, as a code: case, spaces and dashes do not matter."""
    return "".join(char for char in text.upper() if char.isalnum())


def looks_valid(code: str) -> bool:
    return len(code) == LENGTH and all(char in ALPHABET for char in code)


def display(code: str) -> str:
    """ABCD-EFGH: two groups of four are easier to copy."""
    return f"{code[:4]}-{code[4:]}"

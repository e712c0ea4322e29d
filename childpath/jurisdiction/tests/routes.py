"""Expected answers of the jurisdiction app's routes (tests/access_matrix.py)."""

from tests.access_matrix import SIGNED_IN

ROUTES = {"jurisdiction": SIGNED_IN, "api-jurisdiction": SIGNED_IN}

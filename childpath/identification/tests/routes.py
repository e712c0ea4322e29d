"""Expected answers of the identification app's routes (tests/access_matrix.py)."""

from tests.access_matrix import CASE_DECIDE, CASE_EXPLAIN, CASE_READ

ROUTES = {
    "identification-new": CASE_DECIDE,
    "identification-review": CASE_EXPLAIN,
    "api-case-identifications": CASE_READ,
}

"""Expected answers of the age_assessment app's routes (tests/access_matrix.py)."""

from tests.access_matrix import CASE_READ

ROUTES = {
    "age-assessments": CASE_READ,
    "age-handover": CASE_READ,
    "api-case-age-assessments": CASE_READ,
}

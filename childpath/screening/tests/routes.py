"""Expected answers of the screening app's routes (tests/access_matrix.py)."""

from tests.access_matrix import CASE_READ, CASE_SCREEN, SIGNED_IN

ROUTES = {
    "screening-new": CASE_SCREEN.using("POST"),
    "screening-detail": CASE_READ,
    "screening-age": CASE_SCREEN,
    "screening-theme": CASE_READ,
    "screening-complete": CASE_SCREEN.using("POST"),
    "api-case-screenings": CASE_READ,
    "api-case-screening": CASE_READ,
    "screening-rescreen": CASE_SCREEN.using("POST"),
    "api-catalogue": SIGNED_IN,
    "api-catalogue-versions": SIGNED_IN,
    "api-evaluate": SIGNED_IN.using("POST"),
}

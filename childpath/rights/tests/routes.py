"""Expected answers of the rights app's routes (tests/access_matrix.py)."""

from tests.access_matrix import CASE_EDIT, CASE_READ, CASE_SCREEN

ROUTES = {
    "rights-page": CASE_READ,
    "rights-delivery-new": CASE_SCREEN.using("POST"),
    "rights-provision-new": CASE_EDIT.using("POST"),
    "rights-guardian-request": CASE_EDIT.using("POST"),
    "rights-guardian-appoint": CASE_EDIT.using("POST"),
    "rights-child": CASE_READ,
    "rights-handout": CASE_READ,
    "api-case-rights": CASE_READ,
    "api-case-information-deliveries": CASE_READ,
    "api-case-right-provisions": CASE_READ,
}

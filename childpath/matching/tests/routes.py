"""Expected answers of the matching app's routes (tests/access_matrix.py): focal points ask from a
case they see; administrators manage keys. An id the matrix makes up (a language, a table name)
is not found."""

from tests.access_matrix import ADMINISTRATOR, CASE_ROLES, DENIED, HIDDEN, LOGIN, _kind

UNKNOWN_DUPLICATE = _kind(
    "matching: unknown duplicate",
    frontline=HIDDEN,
    caseworker=HIDDEN,
    outsider=HIDDEN,
    viewer=HIDDEN,
    provider_before=HIDDEN,
    provider_after=HIDDEN,
    provider_done=HIDDEN,
    panel=HIDDEN,
    focal=HIDDEN,
    analyst=DENIED,
    administrator=DENIED,
    auditor=DENIED,
    anonymous=LOGIN,
)
FOCAL_POINT_ON_THE_CASE = _kind(
    "matching: focal point on the case",
    frontline=DENIED,
    caseworker=DENIED,
    outsider=HIDDEN,
    viewer=DENIED,
    provider_before=HIDDEN,
    provider_after=DENIED,
    provider_done=HIDDEN,
    panel=HIDDEN,
    focal=HIDDEN,
    analyst=DENIED,
    administrator=DENIED,
    auditor=DENIED,
    anonymous=LOGIN,
)

ROUTES = {
    "matching-duplicates": CASE_ROLES,
    "matching-decide": UNKNOWN_DUPLICATE.using("POST"),
    "matching-keys": ADMINISTRATOR,
    "matching-ask": FOCAL_POINT_ON_THE_CASE.using("POST"),
    "api-matching-duplicates": CASE_ROLES,
    "api-matching-duplicate-decision": UNKNOWN_DUPLICATE.using("POST"),
    "api-matching-case-queries": FOCAL_POINT_ON_THE_CASE,
}

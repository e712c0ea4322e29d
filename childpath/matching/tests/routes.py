"""Expected answers of the matching app's routes (tests/access_matrix.py), as measured on the
merged instance and reviewed: focal points only for the federation, analysts for statistics,
professionals for practice, anyone for the public help pages. An id the matrix makes up
(a language, a table name) is not found for everyone."""

from tests.access_matrix import ALLOWED, DENIED, HIDDEN, LOGIN, _kind

CASE_ROLES_LIST = _kind(
    "matching: case roles list",
    frontline=ALLOWED,
    caseworker=ALLOWED,
    outsider=ALLOWED,
    viewer=ALLOWED,
    provider_before=ALLOWED,
    provider_after=ALLOWED,
    provider_done=ALLOWED,
    panel=ALLOWED,
    focal=ALLOWED,
    analyst=DENIED,
    administrator=DENIED,
    auditor=DENIED,
    anonymous=LOGIN,
)
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
ADMINISTRATOR = _kind(
    "matching: administrator",
    frontline=DENIED,
    caseworker=DENIED,
    outsider=DENIED,
    viewer=DENIED,
    provider_before=DENIED,
    provider_after=DENIED,
    provider_done=DENIED,
    panel=DENIED,
    focal=DENIED,
    analyst=DENIED,
    administrator=ALLOWED,
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
    "matching-duplicates": CASE_ROLES_LIST,
    "matching-decide": UNKNOWN_DUPLICATE.using("POST"),
    "matching-keys": ADMINISTRATOR,
    "matching-ask": FOCAL_POINT_ON_THE_CASE.using("POST"),
}

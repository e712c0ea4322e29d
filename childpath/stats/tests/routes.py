"""Expected answers of the stats app's routes (tests/access_matrix.py), as measured on the
merged instance and reviewed: focal points only for the federation, analysts for statistics,
professionals for practice, anyone for the public help pages. An id the matrix makes up
(a language, a table name) is not found for everyone."""

from tests.access_matrix import ALLOWED, DENIED, HIDDEN, LOGIN, _kind

ANALYSTS = _kind(
    "stats: analysts",
    frontline=DENIED,
    caseworker=DENIED,
    outsider=DENIED,
    viewer=DENIED,
    provider_before=DENIED,
    provider_after=DENIED,
    provider_done=DENIED,
    panel=DENIED,
    focal=DENIED,
    analyst=ALLOWED,
    administrator=DENIED,
    auditor=DENIED,
    anonymous=LOGIN,
)
ANALYSTS_UNKNOWN_NAME = _kind(
    "stats: analysts unknown name",
    frontline=DENIED,
    caseworker=DENIED,
    outsider=DENIED,
    viewer=DENIED,
    provider_before=DENIED,
    provider_after=DENIED,
    provider_done=DENIED,
    panel=DENIED,
    focal=DENIED,
    analyst=HIDDEN,
    administrator=DENIED,
    auditor=DENIED,
    anonymous=LOGIN,
)
NOT_FOUND = _kind(
    "stats: not found",
    frontline=HIDDEN,
    caseworker=HIDDEN,
    outsider=HIDDEN,
    viewer=HIDDEN,
    provider_before=HIDDEN,
    provider_after=HIDDEN,
    provider_done=HIDDEN,
    panel=HIDDEN,
    focal=HIDDEN,
    analyst=HIDDEN,
    administrator=HIDDEN,
    auditor=HIDDEN,
    anonymous=HIDDEN,
)

ROUTES = {
    "stats": ANALYSTS,
    "stats-table": ANALYSTS_UNKNOWN_NAME,
    "stats-indicators": ANALYSTS,
    "stats-overview": ANALYSTS,
    "stats-releases": ANALYSTS,
    "stats-release": ANALYSTS_UNKNOWN_NAME,
    "stats-release-download": NOT_FOUND,
    "stats-combine": ANALYSTS,
    "api-stats-tables": ANALYSTS,
    "api-stats-table": ANALYSTS_UNKNOWN_NAME,
    "api-stats-indicators": ANALYSTS,
    "api-stats-releases": ANALYSTS,
    "api-stats-release": ANALYSTS_UNKNOWN_NAME,
}

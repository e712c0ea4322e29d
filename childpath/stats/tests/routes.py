"""Expected answers of the stats app's routes (tests/access_matrix.py): analysts only (coordinators
see their own figures on the home page). An id the matrix makes up (a language, a table name) is
not found."""

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
ROUTES = {
    "stats": ANALYSTS,
    "stats-table": ANALYSTS_UNKNOWN_NAME,
    "stats-indicators": ANALYSTS,
    "stats-overview": ANALYSTS,
    "stats-releases": ANALYSTS,
    "stats-release": ANALYSTS_UNKNOWN_NAME,
    "stats-release-download": ANALYSTS_UNKNOWN_NAME,
    "stats-combine": ANALYSTS,
    "api-stats-tables": ANALYSTS,
    "api-stats-table": ANALYSTS_UNKNOWN_NAME,
    "api-stats-indicators": ANALYSTS,
    "api-stats-releases": ANALYSTS,
    "api-stats-release": ANALYSTS_UNKNOWN_NAME,
}

PARAMS = {"stats-release-download": {"fmt": "csv"}}

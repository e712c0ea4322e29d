"""Expected answers of the help app's routes (tests/access_matrix.py): the help pages are public; a
feedback code is given from a case one may read. An id the matrix makes up (a language, a table
name) is not found."""

from tests.access_matrix import ALLOWED, CASE_READ, DENIED, LOGIN, PUBLIC, _kind

ORGANISATION_STAFF = _kind(
    "help: organisation staff",
    frontline=DENIED,
    caseworker=ALLOWED,
    outsider=ALLOWED,
    viewer=ALLOWED,
    provider_before=DENIED,
    provider_after=DENIED,
    provider_done=DENIED,
    panel=DENIED,
    focal=DENIED,
    analyst=DENIED,
    administrator=DENIED,
    auditor=DENIED,
    anonymous=LOGIN,
)

ROUTES = {
    "help-issue-code": CASE_READ.using("POST"),
    "help-choose": PUBLIC,
    "help-feedback-choose": PUBLIC,
    "help-home": PUBLIC,
    "help-need": PUBLIC,
    "help-safe": PUBLIC,
    "help-feedback": PUBLIC,
    "help-feedback-thanks": PUBLIC,
    "help-results": ORGANISATION_STAFF,
}

# A real need: the pages are public in every language ("lang" is "en" in the world).
PARAMS = {"help-need": {"code": "sleep"}}

"""Expected answers of the help app's routes (tests/access_matrix.py), as measured on the
merged instance and reviewed: focal points only for the federation, analysts for statistics,
professionals for practice, anyone for the public help pages. An id the matrix makes up
(a language, a table name) is not found for everyone."""

from tests.access_matrix import ALLOWED, DENIED, HIDDEN, LOGIN, _kind

CASE_TEAM_GIVES_CODE = _kind(
    "help: case team gives code",
    frontline=ALLOWED,
    caseworker=ALLOWED,
    outsider=HIDDEN,
    viewer=ALLOWED,
    provider_before=HIDDEN,
    provider_after=ALLOWED,
    provider_done=HIDDEN,
    panel=HIDDEN,
    focal=HIDDEN,
    analyst=DENIED,
    administrator=DENIED,
    auditor=DENIED,
    anonymous=LOGIN,
)
PUBLIC_PAGE = _kind(
    "help: public page",
    frontline=ALLOWED,
    caseworker=ALLOWED,
    outsider=ALLOWED,
    viewer=ALLOWED,
    provider_before=ALLOWED,
    provider_after=ALLOWED,
    provider_done=ALLOWED,
    panel=ALLOWED,
    focal=ALLOWED,
    analyst=ALLOWED,
    administrator=ALLOWED,
    auditor=ALLOWED,
    anonymous=ALLOWED,
)
UNKNOWN_LANGUAGE = _kind(
    "help: unknown language",
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
    "help-issue-code": CASE_TEAM_GIVES_CODE.using("POST"),
    "help-choose": PUBLIC_PAGE,
    "help-feedback-choose": PUBLIC_PAGE,
    "help-home": UNKNOWN_LANGUAGE,
    "help-need": UNKNOWN_LANGUAGE,
    "help-safe": UNKNOWN_LANGUAGE,
    "help-feedback": UNKNOWN_LANGUAGE,
    "help-feedback-thanks": UNKNOWN_LANGUAGE,
    "help-results": ORGANISATION_STAFF,
}

"""Expected answers of the practice app's routes (tests/access_matrix.py): every professional role
except the administrator; each attempt is its owner's. An id the matrix makes up (a language, a
table name) is not found."""

from tests.access_matrix import ALLOWED, DENIED, HIDDEN, LOGIN, _kind

PROFESSIONALS = _kind(
    "practice: professionals",
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
    administrator=DENIED,
    auditor=ALLOWED,
    anonymous=LOGIN,
)
OWN_ATTEMPT = _kind(
    "practice: own attempt",
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
    administrator=DENIED,
    auditor=HIDDEN,
    anonymous=LOGIN,
)

ROUTES = {
    "practice-index": PROFESSIONALS,
    "practice-situation": OWN_ATTEMPT,
    "practice-start": OWN_ATTEMPT.using("POST"),
    "practice-attempt": OWN_ATTEMPT,
    "practice-age": OWN_ATTEMPT,
    "practice-theme": OWN_ATTEMPT,
    "practice-complete": OWN_ATTEMPT.using("POST"),
    "api-practice-situations": PROFESSIONALS,
    "api-practice-attempts": OWN_ATTEMPT.using("POST"),
}

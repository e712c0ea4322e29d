"""Expected answers of the administration app's routes (tests/access_matrix.py): the
administrator only; everyone else signed in is refused (403), whatever the address names.
An id the matrix makes up (an organisation, a user name, a service, an import) is not found,
for the administrator too."""

from dataclasses import replace

from tests.access_matrix import ADMINISTRATOR, HIDDEN

UNKNOWN_ID = replace(
    ADMINISTRATOR,
    name="administration: unknown id",
    answers={**ADMINISTRATOR.answers, "administrator": HIDDEN},
)

ROUTES = {
    "administration-home": ADMINISTRATOR,
    "administration-profile": ADMINISTRATOR,
    "administration-organisations": ADMINISTRATOR,
    "administration-organisation-new": ADMINISTRATOR,
    "administration-organisation": UNKNOWN_ID,
    "administration-organisation-deactivate": UNKNOWN_ID,
    "administration-users": ADMINISTRATOR,
    "administration-user-invite": ADMINISTRATOR,
    "administration-user": UNKNOWN_ID,
    "administration-user-deactivate": UNKNOWN_ID,
    "administration-user-reactivate": UNKNOWN_ID.using("POST"),
    "administration-user-password-link": UNKNOWN_ID.using("POST"),
    "administration-user-two-factor": UNKNOWN_ID,
    "administration-services": ADMINISTRATOR,
    "administration-service-new": ADMINISTRATOR,
    "administration-service": UNKNOWN_ID,
    "administration-service-retire": UNKNOWN_ID,
    "administration-import-upload": ADMINISTRATOR,
    "administration-import": UNKNOWN_ID,
    "administration-import-status": UNKNOWN_ID,
}

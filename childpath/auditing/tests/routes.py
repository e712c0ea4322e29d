"""Expected answers of the auditing app's routes (tests/access_matrix.py)."""

from tests.access_matrix import AUDITOR, PUBLIC

ROUTES = {
    "audit-events": AUDITOR,
    "audit-export": AUDITOR,
    "audit-verify": AUDITOR.using("POST"),
    "api-audit-events": AUDITOR,
    "api-audit-chain": AUDITOR,
    "account-enrol": PUBLIC,
}

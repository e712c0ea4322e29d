"""Expected answers of the cases app's routes (tests/access_matrix.py)."""

from tests.access_matrix import CASE_EDIT, CASE_READ, CASE_ROLES, CASE_TEAM, REGISTER

ROUTES = {
    "case-list": CASE_ROLES,
    "case-new": REGISTER,
    "case-detail": CASE_READ,
    "case-edit": CASE_EDIT,
    "case-encounter": CASE_EDIT,
    "case-team": CASE_TEAM,
    "case-team-remove": CASE_TEAM.using("POST"),
    "api-case-search": CASE_ROLES.using("POST"),
    "api-case-list": CASE_ROLES,
    "api-case-detail": CASE_READ,
    "api-case-team": CASE_READ,
    "api-case-team-member": CASE_TEAM.using("DELETE"),
    "api-case-lead": CASE_TEAM.using("POST"),
}

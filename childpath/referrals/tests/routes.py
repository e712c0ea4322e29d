"""Expected answers of the referrals app's routes (tests/access_matrix.py)."""

from tests.access_matrix import (
    CASE_EDIT,
    CASE_READ,
    CASE_ROLES,
    INCOMING,
    REFERRAL_ACT,
    REFERRAL_READ,
)

ROUTES = {
    "referral-new": CASE_EDIT,
    "pathways": CASE_ROLES,
    "referrals-incoming": INCOMING,
    "referral-detail": REFERRAL_READ,
    "referral-status": REFERRAL_ACT.using("POST"),
    "notifications": CASE_ROLES,
    "notifications-read": CASE_ROLES.using("POST"),
    "api-case-referrals": CASE_READ,
    "api-referrals-incoming": INCOMING,
    "api-referral": REFERRAL_READ,
    "api-referral-status": REFERRAL_ACT.using("POST"),
    "api-pathways": CASE_ROLES,
}

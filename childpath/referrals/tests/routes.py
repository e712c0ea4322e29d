"""Expected answers of the referrals app's routes (tests/access_matrix.py)."""

from dataclasses import replace

from tests.access_matrix import (
    CASE_EDIT,
    CASE_READ,
    CASE_ROLES,
    DENIED,
    INCOMING,
    REFERRAL_ACT,
    REFERRAL_READ,
)

# Recording that a declined referral needs no other: the sender side only (edit access); the
# receiving service reads the referral but does not decide for the case team.
REFERRAL_DECIDE = replace(
    REFERRAL_ACT,
    name="referral decide",
    answers={**REFERRAL_ACT.answers, "provider_before": DENIED},
)

ROUTES = {
    "referral-new": CASE_EDIT,
    "pathways": CASE_ROLES,
    "referrals-incoming": INCOMING,
    "referral-detail": REFERRAL_READ,
    "referral-status": REFERRAL_ACT.using("POST"),
    "referral-decision": REFERRAL_DECIDE.using("POST"),
    "notifications": CASE_ROLES,
    "notifications-read": CASE_ROLES.using("POST"),
    "api-case-referrals": CASE_READ,
    "api-referrals-incoming": INCOMING,
    "api-referral": REFERRAL_READ,
    "api-referral-status": REFERRAL_ACT.using("POST"),
    "api-pathways": CASE_ROLES,
}

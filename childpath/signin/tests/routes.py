"""Expected answers of the signin app's routes (tests/access_matrix.py). The steps of the
two-factor sign-in depend on the session's state: the signin app's own tests cover them."""

from tests.access_matrix import PUBLIC, SIGN_IN_FLOW, SIGNED_IN

ROUTES = {
    "login": PUBLIC,
    "account-profile": SIGNED_IN,
    "signin-code": SIGN_IN_FLOW,
    "signin-enrol": SIGN_IN_FLOW,
    "logout": SIGN_IN_FLOW.using("POST"),
    "signin-devices": SIGN_IN_FLOW,
    "signin-add": SIGN_IN_FLOW,
    "signin-reset": SIGN_IN_FLOW,
    "signin-recovery-codes": SIGN_IN_FLOW,
    "signin-device-remove": SIGN_IN_FLOW.using("POST"),
    "signin-token-revoke": SIGN_IN_FLOW.using("POST"),
    # Passkeys (JSON for django-otp-webauthn's scripts): test_passkeys.py covers each state.
    "signin-passkey-begin": SIGN_IN_FLOW.using("POST"),
    "signin-passkey-complete": SIGN_IN_FLOW.using("POST"),
    "signin-passkey-register-begin": SIGN_IN_FLOW.using("POST"),
    "signin-passkey-register-complete": SIGN_IN_FLOW.using("POST"),
    "signin-passkey-remove": SIGN_IN_FLOW.using("POST"),
    "api-token": SIGN_IN_FLOW.using("POST"),
    "api-tokens": SIGN_IN_FLOW,
    "api-token-detail": SIGN_IN_FLOW.using("DELETE"),
}

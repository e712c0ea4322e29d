"""The access matrix: every route (URL conf, and so every OpenAPI operation) by every persona
has an expected answer, declared by the app that owns the route.

Each app declares its routes in ``childpath/<app>/tests/routes.py``::

    from tests.access_matrix import CASE_READ, SIGNED_IN
    ROUTES = {"case-detail": CASE_READ, "case-list": SIGNED_IN}

A route whose name no app declares fails ``tests/test_access_matrix.py``; so does a persona
whose answer differs from the declared kind. ``audits=True`` kinds must also write an audit
event for a reader (``tests/test_audit_walk.py``).
"""

import importlib
import pkgutil
from dataclasses import dataclass, replace
from typing import Any

import childpath

# The personas of the matrix (DESIGN.md section 3, in the states of a case's life).
PERSONAS = (
    "frontline",  # raised the concern: on the team with edit access
    "caseworker",  # the lead agency's caseworker
    "outsider",  # a caseworker of another social services office
    "viewer",  # on the team with view access only
    "provider_before",  # the service a referral was sent to, before accepting
    "provider_after",  # a service that accepted a referral: on the team, view access
    "provider_done",  # a service whose referral is completed: its access ended
    "panel",
    "focal",
    "analyst",
    "administrator",
    "auditor",
    "anonymous",
)

ALLOWED, DENIED, HIDDEN, LOGIN = "allowed", "denied (403)", "hidden (404)", "sign in first"
# Any answer but a server error: for flows whose answer depends on a state the matrix does
# not set up (the steps of the two-factor sign-in); their app's own tests cover them.
ANY = "any answer"


@dataclass(frozen=True)
class Kind:
    """The expected answer of each persona; ``audits``: a read that writes an audit event."""

    name: str
    answers: dict[str, str]
    audits: bool = False
    method: str = "GET"
    # Who reads it in the audit walk (someone for whom there is something to read).
    reader: str = "caseworker"

    def using(self, method: str) -> "Kind":
        return replace(self, name=f"{self.name} ({method})", audits=False, method=method)


def _kind(name: str, audits: Any = False, **answers: Any) -> Kind:
    missing = set(PERSONAS) - set(answers)
    assert not missing, f"{name}: no answer for {sorted(missing)}"
    return Kind(name, answers, audits)


_NO_CASES = {"analyst": DENIED, "administrator": DENIED, "auditor": DENIED}
_OFF_TEAM = {
    "outsider": HIDDEN,
    "provider_before": HIDDEN,
    "provider_done": HIDDEN,
    "panel": HIDDEN,
    "focal": HIDDEN,
}

# Reading the case: the team (and a service while its referral is accepted).
CASE_READ = _kind(
    "case read",
    audits=True,
    frontline=ALLOWED,
    caseworker=ALLOWED,
    viewer=ALLOWED,
    provider_after=ALLOWED,
    anonymous=LOGIN,
    **_OFF_TEAM,
    **_NO_CASES,
)
# Changing the case: the team with edit access.
CASE_EDIT = _kind(
    "case edit",
    frontline=ALLOWED,
    caseworker=ALLOWED,
    viewer=DENIED,
    provider_after=DENIED,
    anonymous=LOGIN,
    **_OFF_TEAM,
    **_NO_CASES,
)
# Screening: anyone who sees the case may screen (DESIGN.md rule 2), view access included.
CASE_SCREEN = Kind("case screen", CASE_READ.answers)
# Recording identification: edit access, and a role the profile lets decide (not frontline).
CASE_DECIDE = replace(
    CASE_EDIT, name="case decide", answers={**CASE_EDIT.answers, "frontline": DENIED}
)
# A page that explains to the team who may decide, and why not (view access included).
CASE_EXPLAIN = replace(CASE_READ, name="case explain", audits=False)
# Changing the team: the coordinator and the lead agency's caseworkers only.
CASE_TEAM = _kind(
    "case team",
    frontline=DENIED,
    caseworker=ALLOWED,
    viewer=DENIED,
    provider_after=DENIED,
    anonymous=LOGIN,
    **_OFF_TEAM,
    **_NO_CASES,
)
# A referral: both sides (the team, and the service it was sent to).
REFERRAL_READ = _kind(
    "referral read",
    audits=True,
    frontline=ALLOWED,
    caseworker=ALLOWED,
    viewer=ALLOWED,
    provider_before=ALLOWED,
    provider_after=ALLOWED,
    outsider=HIDDEN,
    provider_done=HIDDEN,
    panel=HIDDEN,
    focal=HIDDEN,
    anonymous=LOGIN,
    **_NO_CASES,
)
# Pages for everyone who works with cases (their own lists): never analysts, admins, auditors.
CASE_ROLES = _kind(
    "case roles",
    frontline=ALLOWED,
    caseworker=ALLOWED,
    outsider=ALLOWED,
    viewer=ALLOWED,
    provider_before=ALLOWED,
    provider_after=ALLOWED,
    provider_done=ALLOWED,
    panel=ALLOWED,
    focal=ALLOWED,
    anonymous=LOGIN,
    **_NO_CASES,
)
_EVERYONE_SIGNED_IN = {p: ALLOWED for p in PERSONAS if p != "anonymous"}
SIGNED_IN = _kind("signed in", anonymous=LOGIN, **_EVERYONE_SIGNED_IN)
PUBLIC = _kind("public", anonymous=ALLOWED, **_EVERYONE_SIGNED_IN)
# A route whose id or name the matrix makes up (a language, a table): not found for anyone.
NOT_FOUND = Kind("not found", dict.fromkeys(PERSONAS, HIDDEN))
# The administrator's pages (peers, keys): the system owner only.
ADMINISTRATOR = _kind(
    "administrator",
    anonymous=LOGIN,
    **{p: DENIED for p in _EVERYONE_SIGNED_IN if p != "administrator"},
    administrator=ALLOWED,
)
# Routes with an id the matrix cannot know (a device, a token of one's own): not found for all.
OWN_ITEM = _kind("own item", anonymous=LOGIN, **{p: HIDDEN for p in _EVERYONE_SIGNED_IN})
AUDITOR = _kind(
    "auditor",
    anonymous=LOGIN,
    **{p: DENIED for p in _EVERYONE_SIGNED_IN if p != "auditor"},
    auditor=ALLOWED,
)
SIGN_IN_FLOW = Kind("sign-in flow", dict.fromkeys(PERSONAS, ANY))
# The registration of a concern: roles that may register.
REGISTER = _kind(
    "register",
    frontline=ALLOWED,
    caseworker=ALLOWED,
    outsider=ALLOWED,
    viewer=ALLOWED,  # the view-only member is an NGO caseworker: may register elsewhere
    provider_before=DENIED,
    provider_after=DENIED,
    provider_done=DENIED,
    panel=DENIED,
    focal=ALLOWED,
    anonymous=LOGIN,
    **_NO_CASES,
)


# Acting on a referral: the sender side (edit access) and the receiving service.
REFERRAL_ACT = _kind(
    "referral act",
    frontline=ALLOWED,
    caseworker=ALLOWED,
    viewer=DENIED,
    provider_before=ALLOWED,
    provider_after=DENIED,
    outsider=HIDDEN,
    provider_done=HIDDEN,
    panel=HIDDEN,
    focal=HIDDEN,
    anonymous=LOGIN,
    **_NO_CASES,
)
# The receiving service's inbox: what each referral shares; each one shown is audited.
INCOMING = replace(CASE_ROLES, name="incoming", audits=True, reader="provider_before")

# The project's own routes (childpath/urls.py, childpath/api_urls.py).
PROJECT_ROUTES = {
    "home": SIGNED_IN,
    "healthz": PUBLIC,
    "session-status": SIGNED_IN,
    "set_language": PUBLIC.using("POST"),
    "api-schema": PUBLIC,
    "api-docs": PUBLIC,
}


def _route_tables() -> list[Any]:
    tables = []
    for module in pkgutil.iter_modules(childpath.__path__):
        try:
            tables.append(importlib.import_module(f"childpath.{module.name}.tests.routes"))
        except ModuleNotFoundError as error:
            if error.name and error.name.startswith(f"childpath.{module.name}.tests"):
                continue
            raise
    return tables


def declared_params() -> dict[str, dict[str, str]]:
    """Each app's ``PARAMS``: the value of a route's parameter where a made-up one would only
    ever be not found (an action's name, a language, a file format)."""
    params: dict[str, dict[str, str]] = {}
    for table in _route_tables():
        for name, values in getattr(table, "PARAMS", {}).items():
            assert name not in params, f"parameters of route {name} declared twice"
            params[name] = values
    return params


def declared() -> dict[str, Kind]:
    """Every app's ``tests/routes.py`` ROUTES, merged (an app owns the names it declares)."""
    routes: dict[str, Kind] = dict(PROJECT_ROUTES)
    for table in _route_tables():
        for name, kind in table.ROUTES.items():
            assert name not in routes, f"route {name} declared twice"
            routes[name] = kind
    return routes

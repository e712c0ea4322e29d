"""Who sees which statistics (DESIGN.md section 3): analysts see every figure and publish;
a coordinator sees the figures of the own organisation's cases; nobody else sees any. One rule
a line, each line tested (tests/test_personas.py)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from childpath.accounts.models import Organisation, Role, User


def stats_user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.is_active:
        raise PermissionDenied
    return user


def may_see(user: User) -> bool:
    if user.role == Role.ANALYST:
        return True
    return user.role == Role.COORDINATOR and user.organisation_id is not None


def scope(user: User, requested: Organisation | None = None) -> Organisation | None:
    """The organisation whose cases the figures cover (None: every case). An analyst may
    narrow to one organisation; a coordinator always gets the own organisation."""
    if user.role == Role.ANALYST:
        return requested
    if user.role == Role.COORDINATOR and user.organisation is not None:
        return user.organisation
    raise PermissionDenied

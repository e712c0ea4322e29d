"""Who may practise: every professional role (DESIGN.md section 3), not the system owner.

Practice never reads or writes a case, so it needs no case access; an administrator runs the
system and is not a professional who may meet a child.
"""

from typing import Any

from django.core.exceptions import PermissionDenied

from childpath.accounts.models import Role, User


def may_practise(user: Any) -> bool:
    return (
        isinstance(user, User)
        and user.is_active
        and bool(user.role)
        and user.role != Role.ADMINISTRATOR
        and user.organisation_id is not None
    )


def practitioner(user: Any) -> User:
    """The signed-in professional, or PermissionDenied."""
    if not may_practise(user):
        raise PermissionDenied
    assert isinstance(user, User)
    return user

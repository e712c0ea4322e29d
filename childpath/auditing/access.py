"""Who reads the audit trail: the auditor (data protection officer), and nobody else."""

from typing import Any

from django.core.exceptions import PermissionDenied

from childpath.accounts.models import Role, User


def auditor(request: Any) -> User:
    """The signed-in auditor; 403 for everyone else (administrators included)."""
    user = request.user
    if not isinstance(user, User) or not user.is_active or user.role != Role.AUDITOR:
        raise PermissionDenied
    return user

"""Organisations and users are administered through ``childpath.auditing.admin``, whose
services write every change to the hash-chained audit (this app sits below the audit).

What every administration page shares lives here, in the base layer, so that the directory and
the help pages (which sit below or beside the audit app) can use it too."""

from typing import Any

from django.http import HttpRequest

from childpath.accounts.models import Role, User


def is_administrator(user: object) -> bool:
    """The administrator role (or a superuser) of an active staff account."""
    return bool(
        isinstance(user, User)
        and user.is_active
        and user.is_staff
        and (user.is_superuser or user.role == Role.ADMINISTRATOR)
    )


class AdministratorOnly:
    """Only the administrator role (or a superuser) manages what an admin page holds."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_administrator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return is_administrator(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Deactivate instead: audit events keep pointing at the people who acted.
        return False

"""Administration of organisations and users. Cases are deliberately not registered here:
administrators manage who works in Childpath, never what is recorded about a child."""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from childpath.accounts.models import Organisation, Role, User


def _is_administrator(request: HttpRequest) -> bool:
    user = request.user
    return bool(
        user.is_active
        and user.is_staff
        and (user.is_superuser or getattr(user, "role", "") == Role.ADMINISTRATOR)
    )


class AdministratorOnly:
    """Only the administrator role (or a superuser) manages organisations and users."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _is_administrator(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_administrator(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return _is_administrator(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_administrator(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Deactivate instead: audit events keep pointing at the people who acted.
        return False


@admin.register(Organisation)
class OrganisationAdmin(AdministratorOnly, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = [
        "name",
        "sector",
        "country",
        "may_identify",
        "is_focal_point",
        "is_service_provider",
    ]
    list_filter = ["sector", "country", "may_identify", "is_focal_point", "is_service_provider"]
    search_fields = ["name"]


@admin.register(User)
class UserAdmin(AdministratorOnly, BaseUserAdmin):  # type: ignore[type-arg]
    list_display = ["username", "first_name", "last_name", "organisation", "role", "is_active"]
    list_filter = ["role", "organisation", "is_active"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("first_name", "last_name", "email")}),
        (_("Work"), {"fields": ("organisation", "role")}),
        (_("Status"), {"fields": ("is_active", "is_staff", "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"fields": ("username", "password1", "password2", "organisation", "role")}),
    )
    readonly_fields = ["last_login", "date_joined"]

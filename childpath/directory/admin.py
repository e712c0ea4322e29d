"""Administration of the directory: which services children may contact on their own.

The HSDS records themselves come from imports (``manage.py import_hsds``), so here they are
read-only; the administrator decides only whether a service accepts children directly, which is
what puts it on the public help pages for children (DESIGN.md 6.10). Changes go through the
directory's service function, so each one is audited.
"""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from childpath.accounts.admin import AdministratorOnly
from childpath.accounts.models import User
from childpath.directory import services
from childpath.directory.models import Service


def _actor(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


@admin.register(Service)
class ServiceAdmin(AdministratorOnly, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "organization", "status", "accepts_children_directly", "emergency"]
    list_filter = ["accepts_children_directly", "status", "emergency", "free_of_charge"]
    search_fields = ["name", "organization__name"]
    list_select_related = ["organization"]
    SHOWN = (
        "name",
        "organization",
        "description",
        "status",
        "minimum_age",
        "maximum_age",
        "emergency",
        "always_open",
        "free_of_charge",
        "accepts_children_directly",
    )
    fields = SHOWN
    readonly_fields = [n for n in SHOWN if n != "accepts_children_directly"]
    actions = ["show_to_children", "hide_from_children"]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False  # services come from HSDS imports

    def save_model(self, request: HttpRequest, obj: Service, form: Any, change: bool) -> None:
        services.set_accepts_children_directly(
            actor=_actor(request), services=[obj], accepts=obj.accepts_children_directly
        )

    def _set(self, request: HttpRequest, queryset: QuerySet[Service], accepts: bool) -> None:
        changed = services.set_accepts_children_directly(
            actor=_actor(request), services=list(queryset), accepts=accepts
        )
        message = ngettext("%(count)d service changed.", "%(count)d services changed.", changed) % {
            "count": changed
        }
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description=_("Show on the help pages for children"))
    def show_to_children(self, request: HttpRequest, queryset: QuerySet[Service]) -> None:
        self._set(request, queryset, True)

    @admin.action(description=_("Hide from the help pages for children"))
    def hide_from_children(self, request: HttpRequest, queryset: QuerySet[Service]) -> None:
        self._set(request, queryset, False)

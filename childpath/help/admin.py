"""Administration of the help pages' local texts: the country's own helplines besides 116 111
and 112, and paragraphs on the pages, each in the languages the administrator writes. Which
directory services appear is chosen on the directory's services ("accepts children directly").

Children's feedback is not here: codes are hashes, and answers belong to their organisations.
"""

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from childpath.accounts.admin import AdministratorOnly
from childpath.help.models import Helpline, HelplineText, LocalText


class TextsAdministrator(AdministratorOnly):
    """Texts, unlike people and organisations, may simply be deleted."""

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_change_permission(request, obj)


class HelplineTextInline(TextsAdministrator, admin.TabularInline):  # type: ignore[type-arg]
    model = HelplineText
    extra = 1


@admin.register(Helpline)
class HelplineAdmin(TextsAdministrator, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["__str__", "phone", "text", "website", "order", "active"]
    list_editable = ["order", "active"]
    inlines = [HelplineTextInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(LocalText)
class LocalTextAdmin(TextsAdministrator, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["__str__", "place", "language", "order", "active"]
    list_filter = ["place", "language", "active"]
    list_editable = ["order", "active"]

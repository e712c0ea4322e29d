"""Administrators set who may ask and how often; keys are listed, never shown."""

from django.contrib import admin

from childpath.matching.models import PeerKey, PeerPolicy


@admin.register(PeerPolicy)
class PeerPolicyAdmin(admin.ModelAdmin[PeerPolicy]):
    list_display = ("peer", "may_ask", "queries_per_hour")


@admin.register(PeerKey)
class PeerKeyAdmin(admin.ModelAdmin[PeerKey]):
    list_display = ("peer", "version", "key_id", "created_at", "retired_at")
    fields = ("peer", "version", "key_id", "created_at", "retired_at")
    readonly_fields = fields

    def has_add_permission(self, request: object) -> bool:  # rotate_linkage_key makes keys
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

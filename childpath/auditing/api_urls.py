from django.urls import URLPattern, URLResolver, path

from childpath.auditing import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("audit/events", api.audit_events, name="api-audit-events"),
    path("audit/chain", api.audit_chain, name="api-audit-chain"),
]

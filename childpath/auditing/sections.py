from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from childpath.accounts.models import Role
from childpath.lib.urls import path_of


def nav_audit(request: HttpRequest) -> dict[str, Any] | None:
    if getattr(request.user, "role", "") != Role.AUDITOR:
        return None
    return {"url": path_of("audit-events"), "label": _("Audit trail")}

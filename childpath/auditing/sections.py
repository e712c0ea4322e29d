from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from childpath.accounts.models import Role


def nav_audit(request: HttpRequest) -> dict[str, Any] | None:
    if getattr(request.user, "role", "") != Role.AUDITOR:
        return None
    return {"url": reverse("audit-events"), "label": _("Audit trail")}

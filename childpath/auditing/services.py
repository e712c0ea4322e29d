"""The auditor's reads are audited too: who looked at the trail, with which filters."""

from django.db import transaction

from childpath.accounts.models import User
from childpath.audit.services import record
from childpath.auditing.selectors import Filters


def record_audit_read(*, actor: User, filters: Filters, purpose: str = "") -> None:
    with transaction.atomic():
        record(
            actor=actor,
            action="audit.read",
            case_reference=filters.reference.strip().upper()[:20],
            fields=filters.used(),
            purpose=purpose,
        )


def record_verification(*, actor: User) -> None:
    with transaction.atomic():
        record(actor=actor, action="audit.verify")

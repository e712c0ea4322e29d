"""Keep the month of turning 18 in step when the cases app changes the age facts.

The cases app must not call this app (DESIGN.md 6: dependencies point one way), so the
derived month follows its saves through Django's signals, inside the same transaction.
"""

from typing import Any

from django.db.models.signals import post_save

from childpath.age_assessment.services import sync_turning_18
from childpath.cases.models import Case, Identity

# The fields whose change can move the 18th birthday.
CASE_AGE_FIELDS = frozenset({"claimed_age", "claimed_on"})


def _case_saved(
    sender: type[Case],
    instance: Case,
    created: bool,
    raw: bool,
    update_fields: Any,
    **kwargs: Any,
) -> None:
    # A new case has no identity yet: the identity's save, right after, brings it in step.
    if raw or created:
        return
    if update_fields is not None and not CASE_AGE_FIELDS & set(update_fields):
        return
    sync_turning_18(instance)


def _identity_saved(
    sender: type[Identity], instance: Identity, raw: bool, update_fields: Any, **kwargs: Any
) -> None:
    if raw or (update_fields is not None and "date_of_birth" not in update_fields):
        return
    sync_turning_18(instance.case, identity=instance)


def connect() -> None:
    post_save.connect(_case_saved, sender=Case, dispatch_uid="age_assessment.case_saved")
    post_save.connect(
        _identity_saved, sender=Identity, dispatch_uid="age_assessment.identity_saved"
    )

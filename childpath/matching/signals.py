"""When a child's identity is saved, its encodings are refreshed and duplicates looked for,
after the commit and in the background (the identity is read again there, never passed)."""

from typing import Any

from django.db import transaction

from childpath.cases.models import Identity


def identity_saved(sender: type, instance: Identity, **kwargs: Any) -> None:
    case_id = instance.case_id

    def enqueue() -> None:
        from childpath.matching.tasks import refresh_case

        refresh_case.enqueue(case_id)

    transaction.on_commit(enqueue)

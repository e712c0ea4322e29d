"""Reading identification: the protection status other apps rely on (rights, referrals).

Other apps read a case's status only through these two functions; ``Case.stage`` is kept in
step by the services, but the status here is the source of truth, with its dates.
"""

from collections import defaultdict
from collections.abc import Iterable
from itertools import count
from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from childpath.cases.models import Case
from childpath.identification.models import Decision
from childpath.identification.status import NO_STATUS, Fact, ProtectionStatus, fold

__all__ = ["ProtectionStatus", "protection_status", "protection_statuses", "remember"]

# SQLite accepts at most 999 parameters in a query on old builds: look cases up in chunks.
CHUNK = 900


def _facts(case_ids: list[int]) -> dict[int, list[Fact]]:
    """The decisions of these cases in the order recorded, as the fold needs them."""
    rows = (
        Decision.objects.filter(case_id__in=case_ids)
        .order_by("case_id", "recorded_at", "id")
        .values_list("case_id", "status", "decided_at", "path")
    )
    by_case: dict[int, list[Fact]] = defaultdict(list)
    for case_id, status, decided_at, path in rows:
        by_case[case_id].append(Fact(status=status, decided_at=decided_at, path=path))
    return by_case


# protection_status is memoised on the Case instance, so the sections of one page that each ask
# for it cost one query (each request loads its own Case). A write of a decision in this
# process moves the generation on, so an instance that saw the old status asks again: a test
# or a service holding one Case across a new decision never reads a stale status.
_MEMO = "_protection_status_memo"
_generations = count(1)
_generation = 0


@receiver(post_save, sender=Decision, dispatch_uid="identification.status_memo.save")
@receiver(post_delete, sender=Decision, dispatch_uid="identification.status_memo.delete")
def _decisions_changed(**kwargs: Any) -> None:
    global _generation
    _generation = next(_generations)


def protection_status(case: Case) -> ProtectionStatus:
    """The status in force for one case (one query, none when this Case already asked)."""
    generation = _generation  # read before the query: a write during it forces a new one
    memo: tuple[int, ProtectionStatus] | None = getattr(case, _MEMO, None)
    if memo is not None and memo[0] == generation:
        return memo[1]
    status = protection_statuses([case.pk])[case.pk]
    setattr(case, _MEMO, (generation, status))
    return status


def remember(case: Case, status: ProtectionStatus) -> None:
    """Keep a status already folded from this case's decisions (as the identification section
    does from its history), so protection_status on the same Case costs no query."""
    setattr(case, _MEMO, (_generation, status))


def protection_statuses(case_ids: Iterable[int]) -> dict[int, ProtectionStatus]:
    """The status of each case, in one query per 900 cases; "none" for a case without any."""
    ids = list(dict.fromkeys(case_ids))
    result = dict.fromkeys(ids, NO_STATUS)
    for start in range(0, len(ids), CHUNK):
        for case_id, facts in _facts(ids[start : start + CHUNK]).items():
            result[case_id] = fold(facts)
    return result

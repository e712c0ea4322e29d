"""Reading identification: the protection status contract (see /work/prompts/contracts.md).

Other apps read a case's status only through these two functions; ``Case.stage`` is kept in
step by the services, but the status here is the source of truth, with its dates.
"""

from collections import defaultdict
from collections.abc import Iterable

from childpath.cases.models import Case
from childpath.identification.models import Decision
from childpath.identification.status import NO_STATUS, Fact, ProtectionStatus, fold

__all__ = ["ProtectionStatus", "protection_status", "protection_statuses"]

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


def protection_status(case: Case) -> ProtectionStatus:
    """The status in force for one case (one query)."""
    return protection_statuses([case.pk])[case.pk]


def protection_statuses(case_ids: Iterable[int]) -> dict[int, ProtectionStatus]:
    """The status of each case, in one query per 900 cases; "none" for a case without any."""
    ids = list(dict.fromkeys(case_ids))
    result = dict.fromkeys(ids, NO_STATUS)
    for start in range(0, len(ids), CHUNK):
        for case_id, facts in _facts(ids[start : start + CHUNK]).items():
            result[case_id] = fold(facts)
    return result

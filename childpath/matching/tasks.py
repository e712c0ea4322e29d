"""Background work: re-encoding every case after a key rotation, with progress."""

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from childpath.cases.models import Case
from childpath.matching.models import PeerKey, ReencodeJob

CHUNK = 200


@task()
def reencode(job_id: int) -> int:
    """Encode every case under the job's key version; ``done`` grows as it goes."""
    job = ReencodeJob.objects.get(pk=job_id)
    key = PeerKey.objects.get(peer=job.peer, version=job.key_version)
    from childpath.matching.services import encode_case

    last = 0
    while True:
        chunk = list(Case.objects.filter(pk__gt=last).order_by("pk")[:CHUNK])
        if not chunk:
            break
        with transaction.atomic():
            for case in chunk:
                encode_case(case, key)
            ReencodeJob.objects.filter(pk=job.pk).update(done=job.done + len(chunk))
        job.done += len(chunk)
        last = chunk[-1].pk
    ReencodeJob.objects.filter(pk=job.pk).update(finished_at=timezone.now(), total=job.done)
    return job.done


@task()
def check_duplicates(case_id: int) -> int:
    from childpath.matching.services import flag_duplicates

    case = Case.objects.filter(pk=case_id).first()
    return len(flag_duplicates(case=case)) if case else 0


@task()
def refresh_case(case_id: int) -> int:
    """Re-encode one case under every current peer key, then look for duplicates."""
    from childpath.matching.models import LOCAL
    from childpath.matching.services import current_key, encode_case, flag_duplicates

    case = Case.objects.filter(pk=case_id).first()
    if case is None:
        return 0
    peers = set(PeerKey.objects.filter(retired_at__isnull=True).values_list("peer", flat=True))
    with transaction.atomic():
        for peer in peers - {LOCAL}:
            key = current_key(peer)
            if key is not None:
                encode_case(case, key)
    return len(flag_duplicates(case=case))

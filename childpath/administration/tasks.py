"""Background work: an uploaded HSDS file imported into the directory, step by step.

Each step is written to the job row before it starts, outside the import's transaction, so
the progress page (another connection) sees it. The import itself is one transaction: a file
with any rejected record stores nothing.
"""

import logging
from dataclasses import asdict
from typing import Any

from django.utils import timezone
from django_tasks import task

from childpath.administration.models import ImportJob
from childpath.administration.uploads import BadUpload, read_upload
from childpath.directory.hsds.parse import Problem
from childpath.directory.services import ImportReport, import_batch

log = logging.getLogger(__name__)
State = ImportJob.State


def _step(job: ImportJob, state: str, **fields: Any) -> None:
    ImportJob.objects.filter(pk=job.pk).update(state=state, **fields)


def _problems(problems: tuple[Problem, ...] | list[Problem]) -> list[dict[str, str]]:
    return [asdict(problem) for problem in problems]


def report_of(report: ImportReport) -> dict[str, Any]:
    return {
        "created": report.created,
        "updated": report.updated,
        "added": list(report.services_added),
        "changed": list(report.services_updated),
        "retired": list(report.services_retired),
        "rejected": _problems(report.rejected),
        "warnings": _problems(report.warnings),
    }


@task()
def run_import(job_id: str) -> str:
    """Read, check and store the job's file; the job ends done, refused or failed."""
    job = ImportJob.objects.select_related("started_by").get(pk=job_id)
    if job.ended:
        return job.state  # run twice (a worker retried it): the first run decided
    end: dict[str, Any] = {"content": b"", "finished_at": timezone.now()}
    try:
        _step(job, State.READING)
        batch = read_upload(job.file_name, bytes(job.content))
        _step(job, State.CHECKING)
        report = import_batch(actor=job.started_by, batch=batch, source=job.file_name)
    except BadUpload as error:
        rejected = [{"where": job.file_name, "text": str(error)}]
        _step(job, State.REFUSED, report={"unreadable": rejected}, **end)
        return State.REFUSED
    except Exception:
        # Nothing is stored (the import is one transaction); the log has the details.
        log.exception("HSDS import %s failed", job.pk)
        _step(job, State.FAILED, **end)
        return State.FAILED
    state = State.DONE if report.ok else State.REFUSED
    _step(job, state, report=report_of(report), **end)
    return state

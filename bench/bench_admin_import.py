"""Time an HSDS upload imported through the administration's background job, against the
import service called directly (what ``manage.py import_hsds`` does), on PostgreSQL.

Run from the repository root: python bench/bench_admin_import.py [--runs N]

The upload is capped by the request body limit (DATA_UPLOAD_MAX_MEMORY_SIZE), so the script
first finds how many synthetic services (bench/bench_directory.py's generator) fit in one
JSON file under it. It then migrates an empty database (``cp_admin_import_bench``, or
``BENCH_DB``, on 127.0.0.1:5432, dropped afterwards) and imports, alternately, a new file of
that many services through ``administration.services.start_import`` (the job row, the audit
event, the task run on commit: the immediate backend, as in the demo) and through
``read_paths`` + ``import_batch``; each file has new ids, so every run adds the same number
of records. It prints the medians and their ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The database the benchmark creates and drops; BENCH_DB names another.
DB = os.environ.get("BENCH_DB", "cp_admin_import_bench")
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _psql(sql: str) -> None:
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=True)


def _fitting(limit: int, documents: Any) -> int:
    """The most services (a multiple of 50) whose JSON stays under the body limit."""
    size_of_1000 = len(json.dumps(documents(1000)).encode())
    count = int(1000 * limit * 0.97 / size_of_1000) // 50 * 50
    while len(json.dumps(documents(count)).encode()) > limit * 0.97:
        count -= 50
    return count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    _psql(f"DROP DATABASE IF EXISTS {DB}")
    _psql(f"CREATE DATABASE {DB}")
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "childpath.settings")
    os.environ.pop("TASKS_BACKEND", None)  # the immediate backend: the task runs on commit
    import django

    django.setup()
    from bench_directory import _documents
    from django.conf import settings
    from django.core.management import call_command

    from childpath.accounts.models import Organisation, Role, Sector, User
    from childpath.administration import services
    from childpath.administration.models import ImportJob
    from childpath.directory.hsds.files import read_paths
    from childpath.directory.services import import_batch

    try:
        call_command("migrate", verbosity=0)
        org = Organisation.objects.create(name="Bench", sector=Sector.GOVERNMENT, country="SE")
        admin = User.objects.create_user(
            username="bench.admin", organisation=org, role=Role.ADMINISTRATOR, is_staff=True
        )
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        count = _fitting(limit, _documents)
        timings: dict[str, list[float]] = {"job": [], "direct": []}
        with tempfile.TemporaryDirectory() as folder:
            for run in range(args.runs):
                for way in ("job", "direct"):
                    seed = 100 + 2 * run + (way == "direct")
                    content = json.dumps(_documents(count, seed=seed)).encode()
                    path = Path(folder) / f"{way}-{run}.json"
                    path.write_bytes(content)
                    started = time.perf_counter()
                    if way == "job":
                        job = services.start_import(actor=admin, name=path.name, content=content)
                        job.refresh_from_db()
                        assert job.state == ImportJob.State.DONE, job.report
                    else:
                        report = import_batch(
                            actor=admin, batch=read_paths([path]), source=path.name
                        )
                        assert report.ok
                    timings[way].append(time.perf_counter() - started)
        size = len(content)
    finally:
        from django.db import connections

        connections.close_all()
        _psql(f"DROP DATABASE IF EXISTS {DB}")
    by_job, direct = (statistics.median(timings[w]) for w in ("job", "direct"))
    load_after = os.getloadavg()[0]
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(f"load average (1 min) before/after: {load_before:.2f}/{load_after:.2f}")
    print(
        f"body limit {limit} bytes; {count} services per file ({size} bytes); {args.runs} runs each"
    )
    print("| way | median s | runs (s) |")
    print("| --- | ---: | --- |")
    for way, median in (
        ("background job (upload page)", by_job),
        ("import service (command)", direct),
    ):
        runs = timings["job" if way.startswith("background") else "direct"]
        print(f"| {way} | {median:.2f} | {', '.join(f'{t:.2f}' for t in runs)} |")
    print(f"ratio job/direct: {by_job / direct:.2f}")


if __name__ == "__main__":
    main()

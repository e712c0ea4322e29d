"""Audit appends per second with concurrent writers on PostgreSQL (issue 17).

    python bench/bench_audit.py [--writers 32] [--processes 4] [--seconds 15] [--database NAME]

Creates its own database (dropped after), migrates it, then starts ``--writers`` threads
spread over ``--processes`` processes (as a server's requests are over its workers), each
with its own connection, each appending events in a loop for ``--seconds``: one
``transaction.atomic()`` with one ``childpath.audit.services.record`` per transaction, as a
case page read does. It reports appends per second, the median and p95 time of one append
transaction (commit included), checks the chain (every shard and the root anchors) with
``verify_audit`` afterwards, and prints the load average. ``AUDIT_SHARDS=1`` in the
environment measures the single chain. Nothing is asserted except that the chain verifies.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import threading
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG = "postgresql://postgres@127.0.0.1:5432"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--database", default="cp_perf_bench")
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    if args.database in ("childpath", "childpath_bench"):
        raise SystemExit("Use a database of your own.")
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{args.database}"')
    os.environ["DATABASE_URL"] = f"{PG}/{args.database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "childpath.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.management.base import CommandError
    from django.db import connection, transaction

    from childpath.accounts.models import Organisation, Role, Sector, User
    from childpath.audit.models import AuditAnchor
    from childpath.audit.services import record, shards

    try:
        call_command("migrate", verbosity=0, interactive=False)
        org = Organisation.objects.create(
            name="Bench Audit Office (fictional)", sector=Sector.SOCIAL_SERVICES, country="SE"
        )
        actor = User.objects.create_user(
            username="bench-audit", organisation=org, role=Role.CASEWORKER
        )
        actor = User.objects.select_related("organisation").get(pk=actor.pk)
        with transaction.atomic():
            record(actor=actor, action="bench.start")
        connection.close()
        load_before = os.getloadavg()
        started = time.monotonic()
        # Writers are spread over --processes processes (forked after every connection is
        # closed), as a server's are over its workers: one Python process of 32 threads is
        # capped by its one interpreter lock before the database is.
        context = multiprocessing.get_context("fork")
        results = context.Queue()
        share = [args.writers // args.processes] * args.processes
        for k in range(args.writers % args.processes):
            share[k] += 1
        go = time.monotonic() + 1.0 + 0.2 * args.processes
        children = [
            context.Process(
                target=_writers, args=(actor, first, count, go, go + args.seconds, results)
            )
            for first, count in zip(
                [sum(share[:k]) for k in range(args.processes)], share, strict=True
            )
        ]
        for child in children:
            child.start()
        timings: list[list[float]] = []
        failures: list[str] = []
        for _child in children:
            per_process, process_errors = results.get(timeout=args.seconds + 180)
            timings += per_process
            failures += process_errors
        for child in children:
            child.join()
        elapsed = args.seconds
        wall = time.monotonic() - started
        if failures:
            raise SystemExit(failures[0])
        ms = [t for per in timings for t in per]
        verify_started = time.monotonic()
        broken = ""
        try:
            call_command("verify_audit", stdout=open(os.devnull, "w"))  # noqa: SIM115
        except CommandError as error:
            broken = str(error)
        verify_seconds = time.monotonic() - verify_started
        print(
            f"{args.writers} writers in {args.processes} processes, {elapsed:.1f} s "
            f"(wall {wall:.1f} s): {len(ms):,} appends, "
            f"{len(ms) / elapsed:,.0f} appends/s; one append transaction median "
            f"{statistics.median(ms):.1f} ms, p95 {sorted(ms)[int(len(ms) * 0.95)]:.1f} ms; "
            f"{AuditAnchor.objects.count()} root anchors over {shards()} shards; "
            f"verify_audit: {broken or 'intact'} "
            f"({verify_seconds:.1f} s); load average {load_before[0]:.2f} -> "
            f"{os.getloadavg()[0]:.2f}"
        )
        return 1 if broken else 0
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep_db:
            with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')


def _writers(
    actor: object, first: int, count: int, go: float, stop: float, results: object
) -> None:
    """One process's writers: threads, each with its own connection, appending until ``stop``
    (counted from ``go``, when every process has started); the times of every append
    transaction go back through ``results``."""
    from django.db import connection as own
    from django.db import transaction

    from childpath.audit.services import record

    timings: list[list[float]] = [[] for _ in range(count)]
    errors: list[str] = []

    def writer(k: int) -> None:
        from django.db import connection

        try:
            while time.monotonic() < go:
                time.sleep(0.01)
            while time.monotonic() < stop:
                started = time.perf_counter()
                with transaction.atomic():
                    record(
                        actor=actor,  # type: ignore[arg-type]
                        action="case.view",
                        case_reference=f"CP-BNCH-{first + k:04d}",
                        fields=["identity"],
                    )
                timings[k].append((time.perf_counter() - started) * 1000)
        except BaseException as error:  # reported by the parent
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    own.close()
    results.put((timings, errors))  # type: ignore[attr-defined]


if __name__ == "__main__":
    sys.exit(main())

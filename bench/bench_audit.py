"""Audit appends per second with concurrent writers on PostgreSQL (issue 17).

    python bench/bench_audit.py [--writers 32] [--seconds 15] [--database cp_perf_bench]

Creates its own database (dropped after), migrates it, then starts ``--writers`` threads,
each with its own connection, each appending events in a loop for ``--seconds``: one
``transaction.atomic()`` with one ``childpath.audit.services.record`` per transaction, as a
case page read does. It reports appends per second, the median and p95 time of one append
transaction (commit included), checks the chain with ``verify_audit``'s walk afterwards, and
prints the load average. Threads suffice: a writer spends its time waiting on the head row's
lock and the commit, not in Python. Nothing is asserted except that the chain still verifies.
"""

from __future__ import annotations

import argparse
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
    from childpath.audit.services import record

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
        stop = time.monotonic() + args.seconds
        timings: list[list[float]] = [[] for _ in range(args.writers)]
        errors: list[BaseException] = []
        barrier = threading.Barrier(args.writers)

        def writer(k: int) -> None:
            from django.db import connection as own

            try:
                barrier.wait()
                n = 0
                while time.monotonic() < stop:
                    started = time.perf_counter()
                    with transaction.atomic():
                        record(
                            actor=actor,
                            action="case.view",
                            case_reference=f"CP-BNCH-{k:04d}",
                            fields=["identity"],
                        )
                    timings[k].append((time.perf_counter() - started) * 1000)
                    n += 1
            except BaseException as error:  # reported below
                errors.append(error)
            finally:
                own.close()

        load_before = os.getloadavg()
        started = time.monotonic()
        threads = [threading.Thread(target=writer, args=(k,)) for k in range(args.writers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=args.seconds + 120)
        elapsed = time.monotonic() - started
        if errors:
            raise errors[0]
        ms = [t for per in timings for t in per]
        verify_started = time.monotonic()
        broken = ""
        try:
            call_command("verify_audit", stdout=open(os.devnull, "w"))  # noqa: SIM115
        except CommandError as error:
            broken = str(error)
        verify_seconds = time.monotonic() - verify_started
        print(
            f"{args.writers} writers, {elapsed:.1f} s: {len(ms):,} appends, "
            f"{len(ms) / elapsed:,.0f} appends/s; one append transaction median "
            f"{statistics.median(ms):.1f} ms, p95 {sorted(ms)[int(len(ms) * 0.95)]:.1f} ms; "
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


if __name__ == "__main__":
    sys.exit(main())

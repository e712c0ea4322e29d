"""The overdue-referral sweep over 1,000,000 referrals, on PostgreSQL and SQLite (issue 5).

    .venv/bin/python bench/bench_sweep.py [--engines postgresql,sqlite] [--rows N] [--due N]

For each engine it makes its own database (PostgreSQL: ``cp_ref_bench`` on 127.0.0.1:5432,
dropped after; SQLite: a file in a temporary folder, deleted after), migrates it, and in a
child process (Django binds the database at start):

1. bulk-inserts synthetic, fictional referrals with one INSERT ... SELECT (``generate_series``
   or a recursive CTE): 90% closed (nothing due), 10% waiting for an answer with deadlines in
   the future, spread over 1,000 fictional cases; then ANALYZE;
2. times ``sweep()`` with nothing due (one warm-up, then 7 runs: median and slowest) and
   prints the plan of its one query (EXPLAIN ANALYZE on PostgreSQL, EXPLAIN QUERY PLAN on
   SQLite);
3. moves the deadlines of 1,000 waiting referrals into the past and times the sweep that marks
   them (each: a compare-and-set UPDATE, the notification, the timeline entry and the audit
   event; committed 100 at a time), then times a second sweep, which finds nothing.

Wall-clock times of the whole call, in-process. Nothing is asserted: these are measurements.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PG = "postgresql://postgres@127.0.0.1:5432"
PG_DB = "cp_ref_bench"
TARGET_S = 5.0


def log(message: str) -> None:
    print(message, flush=True)


# --- the parent: one database per engine, a child process each -----------------------------


def run_engine(engine: str, rows: int, due: int) -> dict[str, Any]:
    if engine == "postgresql":
        import psycopg

        with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
            admin.execute(f"CREATE DATABASE {PG_DB}")
        try:
            return _child(f"postgres://postgres@127.0.0.1:5432/{PG_DB}", rows, due)
        finally:
            with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
    with tempfile.TemporaryDirectory(prefix="cp-sweep-bench-") as folder:
        return _child(f"sqlite:///{folder}/bench.sqlite3", rows, due)


def _child(url: str, rows: int, due: int) -> dict[str, Any]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    command = [sys.executable, __file__, "--child", "--rows", str(rows), "--due", str(due)]
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=1800, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{done.stdout}\n{done.stderr}")
    for line in done.stderr.splitlines():
        log(f"  {line}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# --- the child: fill, measure, report one line of JSON ---------------------------------------


def child(rows: int, due: int) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "childpath.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from childpath.referrals import sweep
    from childpath.referrals.models import Notification, Referral

    def note(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    note(f"migrated in {time.perf_counter() - started:.1f} s")
    now = timezone.now()
    started = time.perf_counter()
    _fill(connection, rows, now)
    fill_s = time.perf_counter() - started
    note(f"inserted {Referral.objects.count():,} referrals in {fill_s:.1f} s")

    # The sweep's one query (sweep.due), as it runs.
    query = (
        Referral.objects.filter(due_at__lte=now)
        .order_by("due_at")
        .values(*sweep.COLUMNS)[: sweep.BATCH]
    )
    if connection.vendor == "postgresql":
        plan = query.explain(analyze=True, buffers=True)
    else:
        plan = query.explain()

    sweep.sweep(now)  # warm-up
    idle = []
    for _run in range(7):
        started = time.perf_counter()
        marked = sweep.sweep(now)
        idle.append(time.perf_counter() - started)
        assert marked == 0

    waiting = list(Referral.objects.filter(status="sent").values_list("pk", flat=True)[:due])
    past = now - timedelta(hours=1)
    Referral.objects.filter(pk__in=waiting).update(acknowledge_by=past, due_at=past)
    started = time.perf_counter()
    marked = sweep.sweep(now)
    busy_s = time.perf_counter() - started
    started = time.perf_counter()
    again = sweep.sweep(now)
    again_s = time.perf_counter() - started
    return {
        "engine": connection.vendor,
        "rows": rows,
        "fill_s": fill_s,
        "idle_median_s": statistics.median(idle),
        "idle_max_s": max(idle),
        "plan": plan,
        "due": len(waiting),
        "marked": marked,
        "notifications": Notification.objects.count(),
        "busy_s": busy_s,
        "again_marked": again,
        "again_s": again_s,
    }


def _fill(connection: Any, rows: int, now: Any) -> None:
    """Fictional cases, a service, and ``rows`` referrals in one INSERT ... SELECT (``%%`` is
    a literal ``%`` among the query's named parameters)."""
    from childpath.accounts.models import Organisation, Role, Sector, User
    from childpath.cases.models import Case
    from childpath.directory.models import Location, Organization, Service, ServiceAtLocation

    sender = Organisation.objects.create(
        name="Bench Social Services (fictional)", sector=Sector.SOCIAL_SERVICES, country="SE"
    )
    receiver = Organisation.objects.create(
        name="Bench Shelter (fictional)", sector=Sector.SHELTER, country="SE"
    )
    coordinator = User.objects.create(
        username="bench-coordinator", organisation=sender, role=Role.COORDINATOR
    )
    provider = Organization.objects.create(
        name="Bench Shelter (fictional)", description="Fictional.", organisation=receiver
    )
    service = Service.objects.create(organization=provider, name="Bench beds (fictional)")
    location = Location.objects.create(name="Bench house (fictional)")
    place = ServiceAtLocation.objects.create(service=service, location=location)
    cases = Case.objects.bulk_create(
        Case(
            reference=f"CP-BNCH-{n:04d}",
            stage="presumed",
            created_by_organisation=sender,
            coordinator=coordinator,
            sex="unknown",
            migration_status="unknown",
            unaccompanied="unknown",
        )
        for n in range(1000)
    )
    first_case = min(case.pk for case in cases)
    sqlite = connection.vendor == "sqlite"

    def uuid_param(value: Any) -> str:
        return value.hex if sqlite else str(value)

    params = {
        "rows": rows,
        "now": now.strftime("%Y-%m-%d %H:%M:%S") if sqlite else now,
        "first_case": first_case,
        "sender": uuid_param(sender.pk),
        "receiver": uuid_param(receiver.pk),
        "place": uuid_param(place.pk),
        "user": coordinator.pk,
    }
    columns = (
        "id, need, reason, urgency, shared_items, shared, note, status, status_changed_at, "
        "decline_reason, sent_at, acknowledge_by, respond_by, due_at, overdue_since, "
        "overdue_deadline, case_id, from_organisation_id, sent_by_id, service_at_location_id, "
        "to_organisation_id"
    )
    if sqlite:
        sql = f"""
            WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < %(rows)s)
            INSERT INTO referrals_referral ({columns})
            SELECT lower(hex(randomblob(16))), 'safe_accommodation', '', 'routine', '["needs"]',
                NULL, '', CASE WHEN i %% 10 = 0 THEN 'sent' ELSE 'completed' END,
                datetime(%(now)s, '-' || (i %% 5000) || ' minutes'), '',
                datetime(%(now)s, '-' || (i %% 5000) || ' minutes'),
                datetime(%(now)s, '+2 days'), datetime(%(now)s, '+10 days'),
                CASE WHEN i %% 10 = 0 THEN datetime(%(now)s, '+2 days') END, NULL, '',
                %(first_case)s + i %% 1000, %(sender)s, %(user)s, %(place)s, %(receiver)s
            FROM seq"""
    else:
        sql = f"""
            INSERT INTO referrals_referral ({columns})
            SELECT gen_random_uuid(), 'safe_accommodation', '', 'routine', '["needs"]'::jsonb,
                NULL, '', CASE WHEN i %% 10 = 0 THEN 'sent' ELSE 'completed' END,
                %(now)s - (i %% 5000) * interval '1 minute', '',
                %(now)s - (i %% 5000) * interval '1 minute',
                %(now)s + interval '2 days', %(now)s + interval '10 days',
                CASE WHEN i %% 10 = 0 THEN %(now)s + interval '2 days' END, NULL, '',
                %(first_case)s + i %% 1000, %(sender)s::uuid, %(user)s, %(place)s::uuid,
                %(receiver)s::uuid
            FROM generate_series(1, %(rows)s) AS i"""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        cursor.execute("ANALYZE")


# --- the report ---------------------------------------------------------------------------


def report(results: list[dict[str, Any]]) -> None:
    log("")
    log(
        "| engine | referrals | insert | sweep, nothing due (median / slowest of 7) | "
        f"sweep, {results[0]['due']:,} due | again, nothing due |"
    )
    log("|---|---|---|---|---|---|")
    for r in results:
        flag = "" if r["idle_max_s"] < TARGET_S else " (over target)"
        log(
            f"| {r['engine']} | {r['rows']:,} | {r['fill_s']:.1f} s | "
            f"{r['idle_median_s'] * 1000:.2f} ms / {r['idle_max_s'] * 1000:.2f} ms{flag} | "
            f"{r['busy_s']:.2f} s ({r['marked']:,} marked, {r['notifications']:,} notifications) | "
            f"{r['again_s'] * 1000:.2f} ms ({r['again_marked']} marked) |"
        )
    for r in results:
        log(f"\nPlan of the due query on {r['engine']}:\n\n```\n{r['plan']}\n```")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="postgresql,sqlite")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--due", type=int, default=1_000)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.rows, args.due), default=str))
        return
    results = []
    for engine in args.engines.split(","):
        log(f"{engine}: {args.rows:,} referrals")
        results.append(run_engine(engine, args.rows, args.due))
    report(results)


if __name__ == "__main__":
    main()

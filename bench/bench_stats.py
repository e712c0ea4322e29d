# ruff: noqa: E501  (the synthetic-data SQL below keeps one column per line)
"""The statistics at scale: every statistics page and API answer, the coordinator's dashboard
and a release of every table for a year, over 1,000,000 synthetic cases in PostgreSQL.

    .venv/bin/python bench/bench_stats.py [--cases 1000000] [--runs 7] [--database NAME]
        [--keep] [--reuse]

It makes its own database (``cp_stats_bench`` on 127.0.0.1:5432, or ``--database``; dropped
after unless ``--keep``; ``--reuse`` measures a kept one again without refilling it), migrates
it, and in a child process (Django binds the database at start):

1. writes N fictional cases (``cases_case``, two years of concerns) and their statistics
   roll-up (``stats_casefact``, one row a case, and ``stats_referralfact``, about one
   referral a case) with INSERT ... SELECT over ``generate_series``, with fixed-seed random
   categories, concerns over the 730 days before today; then ANALYZE. The facts are written
   directly, as ``rebuild_statistics`` would leave them (the read path is what is timed here);
   then the roll-up is rebuilt from them (``rollup.rebuild``, SQL on PostgreSQL, timed);
2. times each page and API answer through Django's test client in-process (the whole
   request: middleware, session, view, template; no network): warm-up, then ``--runs`` runs,
   median and slowest, with the load average beside each; and the coordinator's dashboard
   card alone (the statistics' part of their home page); then EXPLAINs (ANALYZE, BUFFERS) the
   three slowest statements of each page into ``var/bench/stats-explain.txt``;
3. times ``publish_release`` for a whole year (every table and indicator, signed);
4. times the write cost: ``facts.refresh`` of one case (what every write adds after its
   commit), over 50 cases, and counts its queries.

Nothing is asserted: these are measurements. Targets: pages and API under 1 s, release under
10 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PG = "postgresql://postgres@127.0.0.1:5432"
DEFAULT_DB = "cp_stats_bench"


def log(message: str) -> None:
    print(message, flush=True)


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def parent(args: argparse.Namespace) -> int:
    import psycopg

    DB = args.database
    if not args.reuse:
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {DB}")
    try:
        env = {
            **os.environ,
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
            "DJANGO_SETTINGS_MODULE": "childpath.settings",
            "SECURE_COOKIES": "false",
        }
        command = [sys.executable, __file__, "--child", "--cases", str(args.cases)]
        command += ["--runs", str(args.runs)] + (["--reuse"] if args.reuse else [])
        return subprocess.run(command, cwd=ROOT, env=env, check=False, timeout=7200).returncode
    finally:
        if not args.keep:
            with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")


FILL = """
SELECT setseed(0.2026);
INSERT INTO cases_case (reference, stage, created_at, updated_at, created_by_organisation_id,
    sex, claimed_age, age_disputed, citizenship, languages, migration_status, unaccompanied, version)
SELECT 'CP-B' || lpad(to_hex(g), 8, '0'), 'concern',
       now() - interval '730 days' + (g::float / %(n)s) * interval '730 days',
       now(), %(org)s, 'unknown', NULL, false, '', '[]'::jsonb, 'unknown', 'unknown', 1
FROM generate_series(1, %(n)s) AS g;
INSERT INTO stats_casefact (case_id, month, concern_at, organisation_id, status, sex, age_group,
    age_eurostat, age_ctdc, citizenship_group, citizenship, exploitation, online, path,
    deciding_sector, came_to_notice, unaccompanied, catalogue_version, presumed_at, informed_at,
    accepted_referral_at, identified_at, followed_up_at, support_offered_at, age_dispute,
    turns_18_month, handover_on, refreshed_at)
SELECT c.id, date_trunc('month', c.created_at)::date, c.created_at, o.orgs[1 + (c.id %% 4)],
       (ARRAY['presumed','presumed','identified','at_risk','at_risk','not_victim','none'])[1 + floor(random() * 7)::int],
       (ARRAY['female','female','female','male','male','other','unknown'])[1 + floor(random() * 7)::int],
       (ARRAY['child','child','child','adult','unknown'])[1 + floor(random() * 5)::int],
       (ARRAY['0-11','12-17','12-17','18+','unknown'])[1 + floor(random() * 5)::int],
       (ARRAY['0-8','9-17','9-17','18-20','21-23','unknown'])[1 + floor(random() * 6)::int],
       (ARRAY['national','national','eu','non_eu','unknown'])[1 + floor(random() * 5)::int],
       (ARRAY['SE','SE','RO','BG','RS','UA','SY','SO','ER','AF','IQ','NG',''])[1 + floor(random() * 13)::int],
       (ARRAY['sexual','sexual','online_sexual','forced_labour','forced_criminality','begging','forced_marriage','other','not_established'])[1 + floor(random() * 9)::int],
       (ARRAY['online','offline','offline','both','unknown'])[1 + floor(random() * 5)::int],
       (ARRAY['social','criminal_justice','judicial','presumption','presumption'])[1 + floor(random() * 5)::int],
       (ARRAY['Police','NGO','CourtOrProsecution','NonPoliceGovernmentalOrganization','Other'])[1 + floor(random() * 5)::int],
       (ARRAY['self','family','school','health','social_services','outreach','online','police','border','neighbour','helpline','other'])[1 + floor(random() * 12)::int],
       (ARRAY['yes','no','unknown'])[1 + floor(random() * 3)::int],
       '2026.1',
       CASE WHEN random() < 0.6 THEN c.created_at + random() * interval '20 days' END,
       CASE WHEN random() < 0.5 THEN c.created_at + random() * interval '30 days' END,
       CASE WHEN random() < 0.4 THEN c.created_at + random() * interval '40 days' END,
       CASE WHEN random() < 0.2 THEN c.created_at + random() * interval '200 days' END,
       CASE WHEN random() < 0.8 THEN c.created_at + random() * interval '60 days' END,
       CASE WHEN random() < 0.3 THEN c.created_at + random() * interval '30 days' END,
       (ARRAY['none','none','none','none','open','child','adult','undetermined'])[1 + floor(random() * 8)::int],
       CASE WHEN random() < 0.1 THEN date_trunc('month', c.created_at + random() * interval '400 days')::date END,
       CASE WHEN random() < 0.05 THEN (c.created_at + random() * interval '300 days')::date END,
       now()
FROM cases_case c, (SELECT array_agg(id ORDER BY name) AS orgs FROM accounts_organisation) o;
INSERT INTO stats_referralfact (referral, case_id, month, organisation_id, service, urgency,
    outcome, partner_country, respond_by, answered_at, ordinal)
SELECT md5(f.case_id::text || '-' || k)::uuid, f.case_id, f.month, f.organisation_id,
       (ARRAY['safe_accommodation','psychosocial_support','legal_aid','guardian','health','interpretation','family_tracing','education'])[1 + floor(random() * 8)::int],
       (ARRAY['emergency','urgent','routine','routine'])[1 + floor(random() * 4)::int],
       (ARRAY['sent','acknowledged','accepted','declined','active','completed','no_response','withdrawn'])[1 + floor(random() * 8)::int],
       CASE WHEN random() < 0.08 THEN (ARRAY['NO','FI','DK','DE','RO','BG'])[1 + floor(random() * 6)::int] ELSE '' END,
       f.concern_at + interval '5 days',
       CASE WHEN random() < 0.7 THEN f.concern_at + random() * interval '8 days' END,
       k
FROM stats_casefact f, generate_series(1, 2) AS k
WHERE k = 1 OR f.case_id %% 3 = 0;
ANALYZE;
"""


def child(args: argparse.Namespace) -> None:
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.conf import settings

    # The manifest storage needs collectstatic; the page's work is the same without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from childpath.accounts.models import Organisation, Role, Sector, User
    from childpath.stats import facts, services
    from childpath.stats.models import CaseFact
    from childpath.stats.periods import year

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    from childpath.stats import rollup

    if args.reuse:
        analyst = User.objects.get(username="bench-analyst")
        coordinator = User.objects.get(username="bench-coordinator")
        filled = rebuilt = None
    else:
        orgs = [
            Organisation.objects.create(
                name=f"Bench Social Services {n} (fictional)",
                sector=Sector.SOCIAL_SERVICES,
                country="SE",
            )
            for n in range(1, 5)
        ]
        analyst = User.objects.create_user("bench-analyst", organisation=orgs[0], role=Role.ANALYST)
        coordinator = User.objects.create_user(
            "bench-coordinator", organisation=orgs[0], role=Role.COORDINATOR
        )
        log(f"  migrated in {time.perf_counter() - started:.1f} s; load {load()}")
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(FILL % {"n": args.cases, "org": f"'{orgs[0].pk}'"})
        filled = time.perf_counter() - started
        log(f"  filled in {filled:.1f} s; load {load()}")
        started = time.perf_counter()
        rollup.rebuild()
        rebuilt = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE stats_rollup")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM stats_casefact")
        n_cases = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM stats_referralfact")
        n_referrals = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM stats_rollup")
        n_rollup = cursor.fetchone()[0]
    log(f"  {n_cases:,} cases and facts, {n_referrals:,} referral facts")
    if rebuilt is not None:
        log(
            f"  roll-up rebuilt from the facts in {rebuilt:.1f} s: {n_rollup:,} rows; load {load()}"
        )

    def client_for(user: User) -> Client:
        # Signed in with both factors, as the two-factor sign-in leaves a session.
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.create(user=user, name="Bench authenticator", confirmed=True)
        client = Client()
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return client

    clients = {"analyst": client_for(analyst), "coordinator": client_for(coordinator)}
    endpoints = [
        ("analyst", "tables (index)", "/statistics/?year=2025"),
        ("analyst", "table: sex", "/statistics/tables/sex/?year=2025"),
        ("analyst", "table: sex by form", "/statistics/tables/sex/?year=2025&by=exploitation"),
        ("analyst", "table: country", "/statistics/tables/citizenship_country/?year=2025"),
        ("analyst", "table: referral service", "/statistics/tables/referral_service/?year=2025"),
        ("analyst", "table: a quarter", "/statistics/tables/status/?quarter=2025-Q2&by=sex"),
        ("analyst", "barrier indicators", "/statistics/indicators/?year=2025"),
        ("analyst", "printable overview", "/statistics/overview/?year=2025"),
        ("analyst", "releases page", "/statistics/releases/"),
        ("analyst", "API tables", "/api/v1/statistics/tables"),
        ("analyst", "API table by", "/api/v1/statistics/tables/age_group?year=2025&by=sex"),
        ("analyst", "API indicators", "/api/v1/statistics/indicators?year=2025"),
        ("coordinator", "coordinator home (dashboard)", "/"),
        ("coordinator", "coordinator indicators", "/statistics/indicators/?year=2025"),
    ]
    results: dict[str, Any] = {
        "rollup_rebuild_s": round(rebuilt, 1) if rebuilt is not None else None,
        "rollup_rows": n_rollup,
        "cases": n_cases,
        "referrals": n_referrals,
        "fill_s": round(filled, 1) if filled is not None else None,
    }
    rows = []
    for who, label, url in endpoints:
        client = clients[who]
        for _ in range(2):
            assert client.get(url).status_code == 200, url
        times = []
        before = load()
        for _ in range(args.runs):
            t0 = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
        rows.append(
            {
                "label": label,
                "url": url,
                "median_ms": round(statistics.median(times)),
                "max_ms": round(max(times)),
                "load": f"{before} → {load()}",
            }
        )
        log(
            f"  {label}: median {rows[-1]['median_ms']} ms, max {rows[-1]['max_ms']} ms, "
            f"load {rows[-1]['load']}"
        )
    results["endpoints"] = rows
    results["dashboard_card_ms"] = card(coordinator, args.runs)
    explain(clients, endpoints)
    release_times = []
    for n in range(3):
        before = load()
        t0 = time.perf_counter()
        services.publish_release(
            actor=analyst, request=services.ReleaseRequest(title=f"Bench {n}", period=year(2025))
        )
        release_times.append(time.perf_counter() - t0)
        log(f"  release of a year: {release_times[-1]:.2f} s; load {before} → {load()}")
    results["release_s"] = [round(t, 2) for t in release_times]
    sample = list(CaseFact.objects.order_by("?").values_list("case_id", flat=True)[:50])
    refresh_times = []
    for case_id in sample:
        t0 = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            facts.refresh([case_id])
        refresh_times.append((time.perf_counter() - t0) * 1000)
    results["refresh_ms"] = {
        "median": round(statistics.median(refresh_times), 1),
        "max": round(max(refresh_times), 1),
        "queries": len(queries),
    }
    log(
        f"  write cost, facts.refresh of one case: median {results['refresh_ms']['median']} ms, "
        f"max {results['refresh_ms']['max']} ms, {len(queries)} queries; load {load()}"
    )
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "stats.json").write_text(json.dumps(results, indent=2))


def card(coordinator: Any, runs: int) -> dict[str, Any]:
    """The statistics' part of the coordinator's home page alone (its slot), as the home
    page calls it."""
    from django.test import RequestFactory

    from childpath.stats import sections

    request = RequestFactory().get("/")
    request.user = coordinator
    sections.home(request)
    times = []
    before = load()
    for _ in range(runs):
        t0 = time.perf_counter()
        sections.home(request)
        times.append((time.perf_counter() - t0) * 1000)
    figures = {
        "median_ms": round(statistics.median(times)),
        "max_ms": round(max(times)),
        "load": f"{before} → {load()}",
    }
    log(f"  coordinator dashboard card alone: {figures}")
    return figures


def explain(clients: dict[str, Any], endpoints: list[tuple[str, str, str]]) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of the three slowest statements of each page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    lines = []
    for who, label, url in endpoints:
        with CaptureQueriesContext(connection) as captured:
            clients[who].get(url)
        slowest = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:3]
        total = sum(float(q["time"]) for q in captured.captured_queries)
        lines.append(f"=== {label} ({url}): {len(captured)} queries, {total * 1000:.0f} ms in SQL")
        for query in slowest:
            sql = query["sql"]
            lines.append(f"--- {float(query['time']) * 1000:.0f} ms: {sql[:400]}")
            if sql.lstrip().upper().startswith("SELECT"):
                with connection.cursor() as cursor:
                    cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                    lines += [row[0] for row in cursor.fetchall()]
    out = ROOT / "var" / "bench" / "stats-explain.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n")
    log(f"  EXPLAIN ANALYZE of the slowest statements: {out}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--database", default=DEFAULT_DB, help="the database to (re)create")
    parser.add_argument("--keep", action="store_true", help="keep the database after")
    parser.add_argument("--reuse", action="store_true", help="measure a kept database again")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return 0
    return parent(args)


if __name__ == "__main__":
    sys.exit(main())

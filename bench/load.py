"""Throughput under load (issue 17): wrk at 32 connections against the production server.

    python bench/load.py --cases 100000 --database cp_perf_bench --port 8180
    python bench/load.py --reuse var/bench/dataset-100000.json --database cp_perf_bench

``make bench`` runs it through ``bench/run.py --load``. Steps, each bounded in time:

1. unless ``--reuse`` names a dataset already in the database, (re)creates the database and
   fills it with ``bench/dataset.py``;
2. starts gunicorn with the production configuration (``deploy/gunicorn.conf.py``, overridable
   with ``--config`` and ``--env NAME=VALUE``), on PostgreSQL, signs in as the benchmarked
   caseworker through the login page like a browser;
3. for every target in turn runs Debian's ``wrk`` (``--connections`` 32, ``--duration``
   seconds, after a short warm-up) with a Lua script that cycles through the target's
   requests: many cases for the case and screening pages, many names for the search.
   ``/healthz`` is anonymous; every other target carries the signed-in session cookie. The
   trivial signed-in view (``/accounts/session``) runs in the same run, and every ratio is
   against it;
4. one more target interleaves bad requests with good ones (unknown references, a malformed
   JSON body, a wrong API token, a form post without its CSRF token, a page number that is
   no number): their answers must be 4xx, never 5xx, and the good requests among them are
   compared with the same good requests run alone;
5. reads every worker's memory from /proc, stops gunicorn, drops the database unless kept.

wrk reports requests per second and the client's latency percentiles (p50, p95, p99); the
server's own time per request, per kind (good or bad), comes from gunicorn's access log.
wrk and gunicorn share the machine's cores: the numbers are for comparison within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import requests
import run  # bench/run.py: the database, sign-in, /proc helpers
from run import OUT, PY, ROOT, children, log, percentile, proc_status, sign_in

WRK = shutil.which("wrk") or "/usr/bin/wrk"
CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
TRIVIAL = "trivial signed-in view"
# Targets of issue 17 as shares of the trivial signed-in view's requests per second.
TARGET_SHARE = {"case list": 0.40, "case page": 0.25}

LUA = r"""
local requests = %(requests)s
local formatted = {}
local counter = 0
init = function(args)
  for i, r in ipairs(requests) do
    formatted[i] = wrk.format(r[1], r[2], r[3], r[4])
  end
  counter = math.random(#requests)
end
request = function()
  counter = counter %% #formatted + 1
  return formatted[counter]
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %%d, "duration_us": %%d, "bytes": %%d, "errors": {"connect": %%d, ' ..
    '"read": %%d, "write": %%d, "status": %%d, "timeout": %%d}, "latency_us": {"p50": %%d, ' ..
    '"p95": %%d, "p99": %%d, "max": %%d, "mean": %%.1f}}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean))
end
"""


def lua_string(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid Lua string for ASCII content


def lua_requests(items: list[dict[str, Any]]) -> str:
    rows = []
    for item in items:
        headers = ", ".join(
            f"[{lua_string(k)}] = {lua_string(v)}" for k, v in item.get("headers", {}).items()
        )
        body = lua_string(item["body"]) if item.get("body") is not None else "nil"
        rows.append(
            f"{{{lua_string(item['method'])}, {lua_string(item['path'])}, {{{headers}}}, {body}}}"
        )
    return "{\n" + ",\n".join(rows) + "\n}"


@contextmanager
def server(
    work: Path, *, port: int, config: Path, extra_env: dict[str, str]
) -> Iterator[tuple[str, int, Path]]:
    """gunicorn with the production configuration; yields (base URL, arbiter pid, access log)."""
    access = work / "access.log"
    errors = work / "gunicorn.log"
    access.write_text("")
    env = run.app_env() | extra_env
    env["GUNICORN_ACCESS_LOG"] = str(access)
    args = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "childpath.wsgi",
        "-c",
        str(config),
        "--bind",
        f"127.0.0.1:{port}",
        # The bench tags its bad requests (X-Bench) to tell them apart in the log.
        "--access-logformat",
        "%(s)s %(D)s %({x-bench}i)s %(m)s %(U)s",
        "--error-logfile",
        str(errors),
    ]
    output = (work / "server.log").open("w")
    proc = subprocess.Popen(
        args, cwd=ROOT, env=env, start_new_session=True, stdout=output, stderr=output
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{errors.read_text()[-3000:]}")
            with suppress(requests.RequestException):
                if requests.get(f"{base}/healthz", timeout=5).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer:\n{errors.read_text()[-3000:]}")
            time.sleep(0.3)
        yield base, proc.pid, access
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        output.close()


def wrk(
    base: str, items: list[dict[str, Any]], *, connections: int, duration: int, work: Path
) -> dict[str, Any]:
    script = work / "script.lua"
    script.write_text(LUA % {"requests": lua_requests(items)})
    threads = min(2, connections)
    result = subprocess.run(
        [WRK, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", "-s",
         str(script), base],
        capture_output=True, text=True, timeout=duration + 90,
    )  # fmt: skip
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("WRKJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no result:\n{result.stdout}\n{result.stderr}")
    data: dict[str, Any] = json.loads(line.removeprefix("WRKJSON "))
    data["requests_per_second"] = round(data["requests"] / (data["duration_us"] / 1e6), 1)
    return data


def server_times(lines: list[str]) -> dict[str, Any]:
    """Per kind (good, bad): count, statuses and gunicorn's own time per request."""
    kinds: dict[str, dict[str, Any]] = {}
    for line in lines:
        parts = line.split()
        if len(parts) < 5:
            continue
        status, micros, tag = parts[0], int(parts[1]), parts[2]
        kind = "bad" if tag == "bad" else "good"
        entry = kinds.setdefault(kind, {"ms": [], "statuses": {}})
        entry["ms"].append(micros / 1000)
        entry["statuses"][status] = entry["statuses"].get(status, 0) + 1
    out = {}
    for kind, entry in kinds.items():
        ms = entry["ms"]
        out[kind] = {
            "requests": len(ms),
            "statuses": entry["statuses"],
            "server_median_ms": round(statistics.median(ms), 1),
            "server_p95_ms": round(percentile(ms, 0.95), 1),
            "server_p99_ms": round(percentile(ms, 0.99), 1),
        }
    return out


def targets(dataset: dict[str, Any], session: requests.Session) -> dict[str, list[dict[str, Any]]]:
    cookie = "; ".join(f"{k}={v}" for k, v in session.cookies.items())
    signed_in = {"Cookie": cookie}

    def gets(paths: list[str]) -> list[dict[str, Any]]:
        return [{"method": "GET", "path": p, "headers": signed_in} for p in paths]

    refs = dataset["references"][:200]
    result = {
        "/healthz (anonymous)": [{"method": "GET", "path": "/healthz"}],
        TRIVIAL: gets(["/accounts/session"]),
        "case list": gets(["/cases/"]),
        "case page": gets([f"/cases/{r}/" for r in refs]),
        "case search": gets(["/cases/?" + urlencode({"name": n}) for n in dataset["names"]]),
        "API list": gets(["/api/v1/cases"]),
        "API detail": gets([f"/api/v1/cases/{r}" for r in refs]),
    }
    if dataset.get("screenings"):
        result["screening page"] = gets(
            [f"/cases/{r}/screenings/{pk}/" for r, pk in dataset["screenings"]]
        )
    # The same good requests as "case page" and "API detail", with bad ones between them.
    csrf = session.cookies.get("csrftoken", "")
    bad_headers = signed_in | {"X-Bench": "bad"}
    bad = [
        {"method": "GET", "path": "/cases/CP-ZZZZ-ZZZZ/", "headers": bad_headers},
        {"method": "GET", "path": "/api/v1/cases/CP-0000-0000", "headers": bad_headers},
        {"method": "GET", "path": "/cases/?page=not-a-number", "headers": bad_headers},
        {
            "method": "POST",
            "path": "/api/v1/cases",
            "headers": bad_headers | {"Content-Type": "application/json", "X-CSRFToken": csrf},
            "body": '{"child": {"given_names": ',
        },
        {
            "method": "GET",
            "path": "/api/v1/cases",
            "headers": {"Authorization": "Token 0000wrong0000token0000", "X-Bench": "bad"},
        },
        {
            "method": "POST",
            "path": f"/cases/{refs[0]}/encounter/",
            "headers": bad_headers | {"Content-Type": "application/x-www-form-urlencoded"},
            "body": "came_to_notice=police",
        },
        {
            "method": "GET",
            "path": f"/cases/{refs[1]}/screenings/999999999/",
            "headers": bad_headers,
        },
        {"method": "GET", "path": "/api/v1/cases/%00%ff", "headers": bad_headers},
    ]
    good = result["case page"][:100] + result["API detail"][:100]
    mixed: list[dict[str, Any]] = []
    for k, item in enumerate(good):
        mixed.append(item)
        mixed.append(bad[k % len(bad)])
    result["good alone (case page + API detail)"] = good
    result["good with bad interleaved 1:1"] = mixed
    return result


def _letters(number: int) -> str:
    """A number written in letters (names take no digits): 0 -> "a", 27 -> "bb"."""
    out = ""
    while True:
        number, digit = divmod(number, 26)
        out = "abcdefghijklmnopqrstuvwxyz"[digit] + out
        if number == 0:
            return out.capitalize()


def registration(base: str, session: requests.Session) -> list[dict[str, Any]]:
    """Case-registration form posts (fictional children, each name once, so no duplicate
    warning stops them), checked with one post first; [] if that fails."""
    page = session.get(f"{base}/cases/new/", timeout=30).text
    lead = re.search(r'name="lead-lead_organisation"[^>]*>.*?<option value="([0-9a-f-]{36})"', page,
                     re.S)  # fmt: skip
    csrf = session.cookies.get("csrftoken", "")
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": "; ".join(f"{k}={v}" for k, v in session.cookies.items()),
    }
    run = _letters(int(time.time()) % 10**6)

    def body(k: int) -> str:
        return urlencode(
            {
                "csrfmiddlewaretoken": csrf,
                "child-given_names": "Proba",
                "child-family_name": f"Exempel {run} {_letters(k)}",
                "child-sex": "female",
                "child-claimed_age": "15",
                "child-migration_status": "national",
                "child-unaccompanied": "no",
                "encounter-came_to_notice": "school",
                "encounter-occurred_on": "2026-11-01",
                "encounter-observations": "Fictional observation written by the load benchmark.",
                "lead-lead_organisation": lead.group(1) if lead else "",
            }
        )

    probe = requests.post(
        f"{base}/cases/new/", data=body(0), headers=headers, allow_redirects=False, timeout=30
    )
    if probe.status_code != 302:
        log(f"  registration form rejected ({probe.status_code}); writes not measured")
        return []
    return [
        {"method": "POST", "path": "/cases/new/", "headers": headers, "body": body(k)}
        for k in range(1, 5001)
    ]


def _headers(session: requests.Session, content_type: str) -> dict[str, str]:
    return {
        "Content-Type": content_type,
        "Cookie": "; ".join(f"{k}={v}" for k, v in session.cookies.items()),
        "X-CSRFToken": session.cookies.get("csrftoken") or "",
    }


def referral_creation(
    base: str, session: requests.Session, dataset: dict[str, Any]
) -> list[dict[str, Any]]:
    """Referrals sent through the API (JSON, the session and its CSRF token) to a service at
    a location in the directory, cycling over the visible cases; checked with one post first;
    [] if that fails."""
    places = session.get(f"{base}/api/v1/hsds/service_at_locations?per_page=50", timeout=30)
    listed = places.json() if places.status_code == 200 else {}
    rows = (
        listed.get("contents")
        or listed.get("results")
        or (listed if isinstance(listed, list) else [])
    )
    if not rows:
        log(f"  no service at a location listed ({places.status_code}); referrals not measured")
        return []
    headers = _headers(session, "application/json")
    refs = dataset["references"][:200]
    # The first listed service that receives referrals through Childpath (the others are
    # refused with 400, as they should be).
    for row in rows[:25]:
        body = json.dumps(
            {
                "service_at_location": row["id"],
                "reason": "Fictional referral written by the load benchmark.",
                "urgency": "routine",
                "shared_items": ["needs"],
            }
        )
        probe = requests.post(
            f"{base}/api/v1/cases/{refs[0]}/referrals", data=body, headers=headers, timeout=30
        )
        if probe.status_code == 201:
            break
    else:
        log(f"  every referral rejected ({probe.status_code} {probe.text[:200]}); not measured")
        return []
    return [
        {"method": "POST", "path": f"/api/v1/cases/{r}/referrals", "headers": headers, "body": body}
        for r in refs
    ]


def screening_completion(
    base: str, session: requests.Session, dataset: dict[str, Any], count: int
) -> list[dict[str, Any]]:
    """``count`` screenings started first (form posts, one per visible case, four at a
    time), then one completion post for each: a completion posted twice shows the stored
    result, so each item completes a screening once. [] if starting one fails."""
    headers = _headers(session, "application/x-www-form-urlencoded")
    body = urlencode({"csrfmiddlewaretoken": session.cookies.get("csrftoken", "")})
    refs = dataset["references"][:count]

    def start(reference: str) -> tuple[str, str] | None:
        answer = requests.post(
            f"{base}/cases/{reference}/screenings/new/",
            data=body,
            headers=headers,
            allow_redirects=False,
            timeout=60,
        )
        match = re.search(r"/screenings/(\d+)/", answer.headers.get("Location", ""))
        return (reference, match.group(1)) if answer.status_code == 302 and match else None

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        started = [s for s in pool.map(start, refs) if s]
    if not started:
        log("  no screening could be started; completion not measured")
        return []
    return [
        {
            "method": "POST",
            "path": f"/cases/{reference}/screenings/{pk}/complete/",
            "headers": headers,
            "body": body,
        }
        for reference, pk in started
    ]


def worker_memory(arbiter: int) -> dict[str, Any]:
    pids = children(arbiter)
    rss = {}
    for pid in pids:
        with suppress(OSError):
            status = proc_status(pid)
            rss[pid] = (status["VmRSS"], status["VmHWM"])
    values = [int(v[0].split()[0]) / 1024 for v in rss.values()]
    return {
        "workers": len(pids),
        "rss_mb": sorted(round(v, 1) for v in values),
        "max_rss_mb": round(max(values), 1) if values else None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--reuse", type=Path, help="a dataset JSON already in --database")
    parser.add_argument("--database", default="cp_perf_bench")
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--port", type=int, default=0, help="0: a free port")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--duration", type=int, default=15, help="seconds per target")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per target")
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for gunicorn")
    parser.add_argument("--only", help="comma-separated target names (default: all)")
    parser.add_argument("--out", type=Path, help="results JSON (default: var/bench/load-<time>)")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument(
        "--writes", action="store_true", help="also case registration (adds cases to the data)"
    )
    args = parser.parse_args()
    run.set_database(args.database)
    OUT.mkdir(parents=True, exist_ok=True)
    extra_env = dict(item.split("=", 1) for item in args.env)
    results: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "git_head": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip(),
        "settings": {k: str(v) for k, v in vars(args).items()},
        "load_average_start": os.getloadavg(),
        "targets": {},
    }
    created = False
    if args.reuse:
        dataset_file = args.reuse
    else:
        run.recreate_database()
        created = True
        dataset_file = OUT / f"dataset-{args.cases}.json"
        started = time.monotonic()
        run.run_step(
            [str(PY), "bench/dataset.py", "--cases", str(args.cases), "--processes",
             str(args.processes), "--out", str(dataset_file)],
            timeout=1800,
        )  # fmt: skip
        results["dataset_seconds"] = round(time.monotonic() - started, 1)
    dataset = json.loads(dataset_file.read_text())
    results["cases"] = dataset["cases"]
    run.run_step(
        [str(PY), "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], timeout=300
    )
    port = args.port or run.free_port()
    work = Path(tempfile.mkdtemp(prefix="childpath-load-"))
    try:
        with server(work, port=port, config=args.config, extra_env=extra_env) as (
            base,
            arbiter,
            access,
        ):
            try:
                session = sign_in(
                    base, dataset["username"], dataset["password"], dataset["otp_key"]
                )
            except RuntimeError:
                # A code is accepted once: a sign-in in the same 30 s (make bench's sequential
                # run) used it. The next one comes with the next window.
                time.sleep(31)
                session = sign_in(
                    base, dataset["username"], dataset["password"], dataset["otp_key"]
                )
            plan = targets(dataset, session)
            if args.only:
                wanted = {name.strip() for name in args.only.split(",")} | {TRIVIAL}
                plan = {k: v for k, v in plan.items() if k in wanted}
            if args.writes:
                plan["case registration (form post)"] = registration(base, session)
                plan["referral creation (API post)"] = referral_creation(base, session, dataset)
                plan["screening completion (form post)"] = screening_completion(
                    base, session, dataset, count=200
                )
            for label, items in plan.items():
                if not items:
                    continue
                if args.warmup:
                    wrk(base, items, connections=args.connections, duration=args.warmup, work=work)
                offset = access.stat().st_size
                load_before = os.getloadavg()[0]
                row = wrk(base, items, connections=args.connections, duration=args.duration,
                          work=work)  # fmt: skip
                time.sleep(0.5)
                with access.open() as f:
                    f.seek(offset)
                    row["server"] = server_times(f.read().splitlines())
                # Answers the server gave in the window (wrk leaves out those still in flight
                # when it stops, which at a few per second can be all of them).
                answered = sum(v["requests"] for v in row["server"].values())
                row["server_requests_per_second"] = round(answered / args.duration, 1)
                row["load_average_1min"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
                results["targets"][label] = row
                lat = row["latency_us"]
                statuses = {k: v["statuses"] for k, v in row["server"].items()}
                log(
                    f"  {label:38} {row['requests_per_second']:8.1f} req/s "
                    f"({row['server_requests_per_second']} answered/s)  median "
                    f"{lat['p50'] / 1000:7.1f} ms  p95 {lat['p95'] / 1000:7.1f} ms  p99 "
                    f"{lat['p99'] / 1000:7.1f} ms  {statuses}  load {row['load_average_1min']}"
                )
            results["memory"] = worker_memory(arbiter)
            log(f"  worker memory after the runs: {results['memory']}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if created and not args.keep_db:
            run.drop_database()
    trivial = results["targets"].get(TRIVIAL, {}).get("requests_per_second")
    for row in results["targets"].values():
        if trivial:
            row["share_of_trivial"] = round(row["requests_per_second"] / trivial, 3)
    results["load_average_end"] = os.getloadavg()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = (args.out or OUT / f"load-{stamp}.json").resolve()
    path.write_text(json.dumps(results, indent=2))
    log("\n" + table(results))
    log(f"\nResults: {path}")
    return 0


def table(results: dict[str, Any]) -> str:
    out = [
        "| target | requests/s | answered/s | share of trivial | median | p95 | p99 | "
        "server median | statuses | load avg |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for label, row in results["targets"].items():
        lat = row["latency_us"]
        share = row.get("share_of_trivial")
        mark = ""
        if label in TARGET_SHARE and share is not None:
            mark = " ✓" if share >= TARGET_SHARE[label] else " ✗"
        good = row["server"].get("good", {})
        statuses = "; ".join(
            f"{kind}: " + ", ".join(f"{s}: {n}" for s, n in sorted(v["statuses"].items()))
            for kind, v in row["server"].items()
        )
        out.append(
            f"| {label} | {row['requests_per_second']:,.0f} | "
            f"{row['server_requests_per_second']:,.0f} | {share:.0%}{mark} | "
            f"{lat['p50'] / 1000:.1f} ms | {lat['p95'] / 1000:.1f} ms | "
            f"{lat['p99'] / 1000:.1f} ms | {good.get('server_median_ms', '')} ms | {statuses} | "
            f"{row['load_average_1min'][1]} |"
            if share is not None
            else f"| {label} | {row['requests_per_second']:,.0f} | | | | | | | {statuses} | |"
        )
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())

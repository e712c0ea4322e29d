"""``make bench``: the foundation's benchmarks, end to end, unattended (see BENCHMARKS.md).

For each size (1,000 and 100,000 cases by default) it

1. creates the dedicated database ``childpath_bench`` (psycopg, on 127.0.0.1:5432), migrates
   it and fills it with synthetic, fictional cases (``bench/dataset.py``);
2. counts the SQL queries of each page in-process and EXPLAINs the slowest
   (``bench/queries.py``);
3. serves the app with real gunicorn (one sync worker) on a free loopback port, signs in
   through /accounts/login/ like a browser, and times every endpoint: warm-up, then
   ``--requests`` sequential requests. Server-side time is gunicorn's own request time
   (access log ``%(D)s``); the client's time on loopback and the worker's CPU time per
   request are reported beside it. The worker's RSS (VmRSS, and its peak VmHWM) is read
   from /proc after the run;
4. stops gunicorn and drops the database.

Then it times the setup of ``make run`` on a fresh clone (up to "Serving Childpath"), and
runs the engine, directory-search and overdue-sweep benchmarks (``bench/bench_engine.py``,
``bench/bench_directory.py``, ``bench/bench_sweep.py``). Results go to ``var/bench/`` (JSON, EXPLAIN
plans) and a Markdown table is printed. Every wait is bounded; nothing is left running.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import queue
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import bench_flood  # bench/bench_flood.py: the sign-in flood beside a signed-in user
import psycopg
import requests
from otp import totp  # bench/otp.py: the authenticator app's codes
from pages import endpoints  # bench/pages.py: the same pages as counted in-process

ROOT = Path(__file__).resolve().parent.parent
PY = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
OUT = ROOT / "var" / "bench"
# BENCH_DB and BENCH_PORT let several people share a machine (each their own database and port);
# --database overrides BENCH_DB.
DB_NAME = os.environ.get("BENCH_DB", "childpath_bench")
PG = "postgresql://postgres@127.0.0.1:5432"
# Issue 2 asked for p95 under 150 ms; issue 17 asks for 100 ms at 1,000,000 cases, and for
# every page of the case list as fast as the first.
TARGET_MEDIAN_MS, TARGET_P95_MS, TARGET_RSS_MB = 50.0, 100.0, 250.0
# Pages with a target; the others are measured and reported.
TARGETED = {"case list", "case page", "case list, middle page"}


def log(message: str) -> None:
    print(message, flush=True)


def free_port() -> int:
    if os.environ.get("BENCH_PORT"):
        return int(os.environ["BENCH_PORT"])
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))
    return ordered[int(rank) - 1]


# --- the database -------------------------------------------------------------------------


def set_database(name: str) -> None:
    global DB_NAME
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name) or name == "childpath":
        raise SystemExit(f"Not a benchmark database name: {name!r}")
    DB_NAME = name


def recreate_database() -> None:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def drop_database() -> None:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


def postgres_version() -> str:
    with psycopg.connect(f"{PG}/postgres") as conn:
        row = conn.execute("SHOW server_version").fetchone()
        settings = {
            name: conn.execute(f"SHOW {name}").fetchone()[0]  # type: ignore[index]
            for name in ("shared_buffers", "work_mem", "effective_cache_size", "jit")
        }
    assert row is not None
    return f"PostgreSQL {row[0]} ({', '.join(f'{k}={v}' for k, v in settings.items())})"


def app_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"{PG}/{DB_NAME}",
        SECURE_COOKIES="false",
        DJANGO_SETTINGS_MODULE="childpath.settings",
        LOG_LEVEL="WARNING",
    )
    return env


def run_step(args: list[str], *, timeout: float, env: dict[str, str] | None = None) -> None:
    subprocess.run(args, cwd=ROOT, env=env or app_env(), check=True, timeout=timeout)


# --- gunicorn --------------------------------------------------------------------------------


def proc_status(pid: int) -> dict[str, str]:
    status = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        status[key] = value.strip()
    return status


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process, from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    if path.exists():
        return [int(p) for p in path.read_text().split()]
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with suppress(OSError):
                stat = (entry / "stat").read_text().rpartition(")")[2].split()
                if int(stat[1]) == pid:
                    found.append(int(entry.name))
    return found


@contextmanager
def gunicorn(work: Path, *, workers: int = 1, **extra_env: str) -> Iterator[tuple[str, int, Path]]:
    """Serve the app (one worker unless told); yields (base URL, first worker pid, access log)."""
    port = free_port()
    access = work / "access.log"
    errors = work / "gunicorn.log"
    access.write_text("")
    args = [
        str(GUNICORN),
        "childpath.wsgi",
        "-w",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--access-logfile",
        str(access),
        "--access-logformat",
        "%(s)s %(D)s %(r)s",
        "--error-logfile",
        str(errors),
    ]
    proc = subprocess.Popen(args, cwd=ROOT, env={**app_env(), **extra_env}, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{errors.read_text()[-3000:]}")
            with suppress(requests.RequestException):
                if requests.get(f"{base}/healthz", timeout=5).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer:\n{errors.read_text()[-3000:]}")
            time.sleep(0.2)
        deadline = time.monotonic() + 30
        while len(pids := children(proc.pid)) < workers and time.monotonic() < deadline:
            time.sleep(0.2)
        if len(pids) != workers:
            raise RuntimeError(f"expected {workers} gunicorn worker(s), found {pids}")
        yield base, pids[0], access
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


def sign_in(base: str, username: str, password: str, otp_key: str) -> requests.Session:
    """Sign in as a person does: the password, then the authenticator app's code."""
    session = requests.Session()
    session.get(f"{base}/accounts/login/", timeout=30).raise_for_status()
    response = session.post(
        f"{base}/accounts/login/",
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": f"{base}/accounts/login/"},
        allow_redirects=False,
        timeout=30,
    )
    if response.status_code != 302 or "/login/code/" not in response.headers["Location"]:
        raise RuntimeError(f"sign-in (password) failed: {response.status_code}")
    response = session.post(
        f"{base}/accounts/login/code/",
        data={"code": totp(otp_key), "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        headers={"Referer": f"{base}/accounts/login/code/"},
        allow_redirects=False,
        timeout=30,
    )
    if response.status_code != 302 or "sessionid" not in session.cookies:
        raise RuntimeError(f"sign-in (code) failed: {response.status_code}")
    return session


def read_new_lines(path: Path, offset: int, expected: int) -> tuple[list[str], int]:
    """The access-log lines written after ``offset``; waits (bounded) until all are there."""
    deadline = time.monotonic() + 10
    while True:
        with path.open() as f:
            f.seek(offset)
            text = f.read()
        lines = text.splitlines()
        if len(lines) >= expected or time.monotonic() > deadline:
            return lines, offset + len(text.encode())
        time.sleep(0.05)


def measure(
    session: requests.Session,
    base: str,
    worker: int,
    access: Path,
    urls: list[str],
    *,
    warmup: int,
    n: int,
) -> dict[str, Any]:
    offset = access.stat().st_size
    for k in range(warmup):
        session.get(base + urls[k % len(urls)], timeout=60).raise_for_status()
    _lines, offset = read_new_lines(access, offset, warmup)
    client_ms = []
    cpu_before = cpu_seconds(worker)
    load_before = os.getloadavg()[0]
    for k in range(n):
        url = base + urls[k % len(urls)]
        start = time.perf_counter()
        response = session.get(url, timeout=60)
        client_ms.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: HTTP {response.status_code}")
    cpu_ms = (cpu_seconds(worker) - cpu_before) * 1000 / n
    lines, _offset = read_new_lines(access, offset, n)
    server_ms = [int(line.split()[1]) / 1000 for line in lines[:n]]
    if len(server_ms) != n or any(not line.startswith("200 ") for line in lines[:n]):
        raise RuntimeError(f"access log has {len(lines)} lines for {n} requests")
    return {
        "requests": n,
        "server_median_ms": round(statistics.median(server_ms), 1),
        "server_p95_ms": round(percentile(server_ms, 0.95), 1),
        "server_max_ms": round(max(server_ms), 1),
        "client_median_ms": round(statistics.median(client_ms), 1),
        "client_p95_ms": round(percentile(client_ms, 0.95), 1),
        "worker_cpu_ms_per_request": round(cpu_ms, 1),
        "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }


# --- one size ----------------------------------------------------------------------------------


def bench_size(size: int, args: argparse.Namespace) -> dict[str, Any]:
    log(f"\n== {size:,} cases ==")
    reuse: Path | None = args.reuse_dataset
    if reuse is None:
        recreate_database()
    try:
        dataset_file = reuse or OUT / f"dataset-{size}.json"
        started = time.monotonic()
        if reuse is None:
            run_step(
                [
                    str(PY),
                    "bench/dataset.py",
                    "--cases",
                    str(size),
                    "--processes",
                    str(args.processes),
                    "--out",
                    str(dataset_file),
                ],
                timeout=2400,
            )
        load_seconds = time.monotonic() - started
        dataset = json.loads(dataset_file.read_text())
        queries_file = OUT / f"queries-{size}.json"
        run_step(
            [
                str(PY),
                "bench/queries.py",
                "--dataset",
                str(dataset_file),
                "--out",
                str(queries_file),
                "--explain",
                str(OUT / f"explain-{size}.txt"),
            ],
            timeout=300,
        )
        queries = json.loads(queries_file.read_text())
        pages = endpoints(dataset)
        references = dataset["references"][: args.requests]
        names = dataset["names"]
        # The case pages cycle through many cases, so no single row stays hot in a cache.
        urls = {label: [url] for label, url in pages.items()}
        urls["case page"] = [f"/cases/{ref}/" for ref in references]
        urls["API detail"] = [f"/api/v1/cases/{ref}" for ref in references]
        urls["case search (blind index)"] = [
            "/cases/?" + urlencode({"name": name}) for name in names
        ]
        if "screening page" in pages:
            urls["screening page"] = [
                f"/cases/{ref}/screenings/{pk}/" for ref, pk in dataset["screenings"]
            ]
        work = Path(tempfile.mkdtemp(prefix="childpath-bench-"))
        try:
            with gunicorn(work) as (base, worker, access):
                session = sign_in(
                    base, dataset["username"], dataset["password"], dataset["otp_key"]
                )
                rss_start = proc_status(worker)["VmRSS"]
                http: dict[str, Any] = {}
                for label in pages:
                    http[label] = measure(
                        session,
                        base,
                        worker,
                        access,
                        urls[label],
                        warmup=args.warmup,
                        n=args.requests,
                    )
                    http[label]["queries"] = queries[label]["queries"]
                    http[label]["url"] = pages[label]
                    row = http[label]
                    log(
                        f"  {label:27} median {row['server_median_ms']:6.1f} ms  p95 "
                        f"{row['server_p95_ms']:6.1f} ms  (client {row['client_median_ms']:.1f}"
                        f"/{row['client_p95_ms']:.1f} ms, CPU "
                        f"{row['worker_cpu_ms_per_request']:.1f} ms/request, "
                        f"{row['queries']} queries)"
                    )
                status = proc_status(worker)
            if args.flood:
                # make run's two workers; first as configured, then with the throttle lifted
                # for comparison (every attempt then hashes a password).
                log("\n  Sign-in flood (bench/bench_flood.py), gunicorn with 2 workers:")
                limits = {
                    "throttled": {},
                    "without the throttle": {
                        "SIGNIN_RATE_PER_ADDRESS": "1000000000",
                        "SIGNIN_RATE_OVERALL": "1000000000",
                    },
                }
                flood_results = {}
                for label, extra_env in limits.items():
                    # Each code signs in once: wait for the next one.
                    time.sleep(30 - time.time() % 30 + 1)
                    with gunicorn(work, workers=2, **extra_env) as (base, _worker, access):
                        session = sign_in(
                            base, dataset["username"], dataset["password"], dataset["otp_key"]
                        )
                        # Unthrottled, each request can wait seconds behind password hashes.
                        n = args.requests if not extra_env else min(args.requests, 30)
                        flood_results[label] = bench_flood.flood(
                            session, base, access, requests_n=n, warmup=5
                        )
                    log(bench_flood.line(label, flood_results[label]))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        rss = {"start": rss_start, "end": status["VmRSS"], "peak": status["VmHWM"]}
        log(
            f"  worker RSS after sign-in {rss['start']}, after the run {rss['end']}, "
            f"peak {rss['peak']}"
        )
        dataset.pop("references")
        dataset.pop("names")
        dataset.pop("screenings", None)
        dataset.pop("password")
        dataset.pop("otp_key")
        result: dict[str, Any] = {
            "dataset": dataset,
            "setup_seconds": round(load_seconds, 1),
            "http": http,
            "worker_rss": rss,
        }
        if args.flood:
            result["sign_in_flood"] = flood_results
        if not args.skip_load and size == max(int(s) for s in args.sizes.split(",")):
            result["load"] = under_load(dataset_file, args)
        return result
    finally:
        if not args.keep_db and reuse is None:
            drop_database()


def under_load(dataset_file: Path, args: argparse.Namespace) -> dict[str, Any]:
    """``bench/load.py`` (wrk, 32 connections, production server) on the same database."""
    log(f"\n== under load: {args.load_connections} connections, {args.load_duration} s each ==")
    out = OUT / f"load-{dataset_file.stem}.json"
    command = [
        str(PY), "bench/load.py", "--reuse", str(dataset_file), "--database", DB_NAME,
        "--duration", str(args.load_duration), "--connections", str(args.load_connections),
        "--out", str(out),
    ]  # fmt: skip
    if args.load_writes:
        command.append("--writes")
    run_step(command, timeout=60 + 20 * (args.load_duration + 10))
    result: dict[str, Any] = json.loads(out.read_text())
    return result


# --- make run on a fresh clone ------------------------------------------------------------


def fresh_clone(timeout: float) -> dict[str, Any]:
    """Time ``make run`` in a fresh clone until it prints "Serving" and answers /healthz."""
    log("\n== make run on a fresh clone ==")
    work = Path(tempfile.mkdtemp(prefix="childpath-fresh-"))
    clone = work / "fresh"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "VIRTUAL_ENV")}
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if not p.startswith(str(ROOT))
    )
    port = free_port()
    proc: subprocess.Popen[str] | None = None
    try:
        started = time.monotonic()
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True, timeout=120)
        cloned = time.monotonic() - started
        lines: queue.Queue[tuple[float, str]] = queue.Queue()
        proc = subprocess.Popen(
            ["make", "run", f"PORT={port}"],
            cwd=clone,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        make_started = time.monotonic()

        def reader() -> None:
            assert proc is not None and proc.stdout is not None
            for line in proc.stdout:
                lines.put((time.monotonic() - make_started, line.rstrip()))

        threading.Thread(target=reader, daemon=True).start()
        transcript: list[tuple[float, str]] = []
        serving = ready = None
        deadline = make_started + timeout
        while ready is None and time.monotonic() < deadline:
            with suppress(queue.Empty):
                while True:
                    at, line = lines.get_nowait()
                    transcript.append((round(at, 1), line))
                    if serving is None and line.startswith("Serving Childpath"):
                        serving = at
            if proc.poll() is not None and lines.empty():
                break
            if serving is not None:
                with suppress(requests.RequestException):
                    if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).ok:
                        ready = time.monotonic() - make_started
            time.sleep(0.1)
        if serving is None:
            log("\n".join(f"  {at:6.1f}s {line}" for at, line in transcript[-30:]))
            raise RuntimeError("make run did not reach 'Serving' in time")
        steps = [
            (at, line) for at, line in transcript if re.match(r"^(\S*bin/|test -x|touch)", line)
        ]
        log(
            f"  git clone {cloned:.1f} s; make run: 'Serving' after {serving:.1f} s, "
            f"answering /healthz after {ready or float('nan'):.1f} s"
        )
        for at, line in steps:
            log(f"  {at:6.1f} s  {line[:90]}")
        return {
            "clone_seconds": round(cloned, 1),
            "setup_seconds": round(serving, 1),
            "ready_seconds": round(ready, 1) if ready else None,
            "steps": steps,
        }
    finally:
        if proc is not None and proc.poll() is None:
            # make and its gunicorn run in their own session, which we started.
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


# The other apps' benchmarks: script, what it measures, how long it may take (seconds).
EXTRA = (
    (["-m", "bench.bench_engine"], "screening engine (bench/bench_engine.py)", 300),
    (
        ["bench/bench_directory.py"],
        "directory search, 20,000 services (bench/bench_directory.py)",
        1800,
    ),
    (["bench/bench_sweep.py"], "overdue sweep, 1,000,000 referrals (bench/bench_sweep.py)", 1800),
)


def extra(command: list[str], label: str, timeout: int) -> dict[str, Any] | None:
    script = command[-1].replace("bench.", "bench/") + (
        "" if command[-1].endswith(".py") else ".py"
    )
    if not (ROOT / script).exists():
        return None
    log(f"\n== {label} ==")
    result = subprocess.run(
        [str(PY), *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    output = (result.stdout + result.stderr).strip()
    log("\n".join(f"  {line}" for line in output.splitlines()))
    return {"returncode": result.returncode, "output": output}


# --- report ------------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    model = next(
        (ln.split(":", 1)[1].strip() for ln in lscpu.splitlines() if ln.startswith("Model name")),
        platform.processor(),
    )
    meminfo = Path("/proc/meminfo").read_text().split("\n")[0].split()[1]
    return {
        "cpus": str(os.cpu_count()),
        "cpu_model": model,
        "memory_gib": f"{int(meminfo) / 1024 / 1024:.1f}",
        "python": platform.python_version(),
        "postgresql": postgres_version(),
        "kernel": platform.release(),
    }


def table(results: dict[str, Any]) -> str:
    sizes = list(results["sizes"])
    head = "| endpoint | " + " | ".join(
        f"{int(s):,} cases: median / p95 (ms), queries" for s in sizes
    )
    out = [head + " |", "|---" * (len(sizes) + 1) + "|"]
    for label in results["sizes"][sizes[0]]["http"]:
        cells = []
        for s in sizes:
            row = results["sizes"][s]["http"][label]
            ok = ""
            if label in TARGETED:
                met = row["server_median_ms"] < TARGET_MEDIAN_MS and (
                    row["server_p95_ms"] < TARGET_P95_MS
                )
                ok = " ✓" if met else " ✗"
            cells.append(
                f"{row['server_median_ms']} / {row['server_p95_ms']}, {row['queries']}{ok}"
            )
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    memory = [results["sizes"][s]["worker_rss"] for s in sizes]
    rss = " | ".join(f"{m['end']} (peak {m['peak']})" for m in memory)
    out.append(f"| worker RSS after the run | {rss} |")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description="Childpath benchmarks (BENCHMARKS.md)")
    parser.add_argument("--sizes", default="1000,100000", help="comma-separated case counts")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per endpoint")
    parser.add_argument("--warmup", type=int, default=20, help="untimed requests first")
    parser.add_argument("--processes", type=int, default=2, help="writers for the data")
    parser.add_argument("--skip-fresh-clone", action="store_true")
    parser.add_argument(
        "--skip-extra", action="store_true", help="skip the engine, directory and sweep benchmarks"
    )
    parser.add_argument("--keep-db", action="store_true", help="keep the database (debug)")
    parser.add_argument(
        "--reuse-dataset",
        type=Path,
        help="a dataset JSON already in --database: no generation, nothing dropped (one size)",
    )
    parser.add_argument(
        "--skip-load", action="store_true", help="skip the load run (bench/load.py)"
    )
    parser.add_argument("--load-duration", type=int, default=10, help="seconds per target")
    parser.add_argument("--load-connections", type=int, default=32)
    parser.add_argument(
        "--load-writes", action="store_true", help="also case registration under load"
    )
    parser.add_argument(
        "--database", default=DB_NAME, help=f"PostgreSQL database to create and drop ({DB_NAME})"
    )
    parser.add_argument(
        "--no-flood", dest="flood", action="store_false", help="skip the sign-in flood"
    )
    args = parser.parse_args()
    set_database(args.database)
    if not (ROOT / ".local" / "keys.env").exists():
        log("No .local/keys.env: run `make keys` first (make bench does).")
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    results: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "git_head": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip(),
        "machine": machine(),
        "settings": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "sizes": {},
    }
    log(f"Machine: {results['machine']}")
    # Static files for the pages (DEBUG is off: the manifest must exist), as make run does.
    run_step([str(PY), "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], timeout=300)
    if not args.skip_extra:
        results["extra"] = {
            label: extra(command, label, timeout) for command, label, timeout in EXTRA
        }
    for size in (int(s) for s in args.sizes.split(",")):
        results["sizes"][str(size)] = bench_size(size, args)
    if not args.skip_fresh_clone:
        results["fresh_clone"] = fresh_clone(timeout=600)
    results["total_seconds"] = round(time.monotonic() - started, 1)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = OUT / f"results-{stamp}.json"
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    log(
        f"\nServer-side times (gunicorn %(D)s), {args.requests} requests per endpoint after "
        f"{args.warmup} warm-up; targets for the case list and case page: median < "
        f"{TARGET_MEDIAN_MS:.0f} ms, p95 < {TARGET_P95_MS:.0f} ms; RSS < {TARGET_RSS_MB:.0f} MB.\n"
    )
    log(table(results))
    log(f"\nResults: {path.relative_to(ROOT)}; total {results['total_seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Sign-in flood (issue: 8 anonymous clients took a caseworker's case list from 41 ms to 1.6 s).

While eight anonymous clients (``wrk``, 8 connections) post ``/api/v1/auth/token`` with ever
new user names as fast as the server answers, a signed-in caseworker loads the case list one
request at a time. The target: its median stays within 2x of the idle median. Client-side
times are compared (they include the wait for a free worker, which the server's own request
time does not). Called by ``bench/run.py`` with a running gunicorn; the flood is bounded in
time and stopped before returning.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import requests

CLIENTS = 8
TARGET_RATIO = 2.0
LUA = """
counter = 0
init = function(args)
  -- Each wrk thread its own sequence of user names (the address of a fresh table differs).
  math.randomseed(os.time() + tonumber(string.sub(tostring({}), 8), 16))
end
request = function()
  counter = counter + 1
  local body = string.format(
    '{"username": "flood-%d-%d", "password": "guess", "otp": "123456"}',
    math.random(1, 1000000000), counter)
  return wrk.format("POST", "/api/v1/auth/token", {["Content-Type"] = "application/json"}, body)
end
"""


def _timed(session: requests.Session, url: str, n: int) -> list[float]:
    times = []
    for _k in range(n):
        start = time.perf_counter()
        response = session.get(url, timeout=120)
        times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: HTTP {response.status_code}")
    return times


def _statuses(access: Path, offset: int) -> Counter[str]:
    with access.open() as f:
        f.seek(offset)
        lines = f.read().splitlines()
    return Counter(line.split()[0] for line in lines if "POST /api/v1/auth/token" in line)


def flood(
    session: requests.Session, base: str, access: Path, *, requests_n: int, warmup: int
) -> dict[str, Any]:
    """Idle, then flooded, case-list medians on the running server."""
    if shutil.which("wrk") is None:
        return {"skipped": "wrk is not installed (apt-get install wrk)"}
    url = f"{base}/cases/"
    _timed(session, url, warmup)
    load_idle = os.getloadavg()[0]
    idle = _timed(session, url, requests_n)
    work = Path(tempfile.mkdtemp(prefix="childpath-flood-"))
    script = work / "flood.lua"
    script.write_text(LUA)
    offset = access.stat().st_size
    wrk = subprocess.Popen(
        ["wrk", "-t", "2", "-c", str(CLIENTS), "-d", "600s", "-s", str(script), base],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        time.sleep(3)  # let the flood reach its pace
        flooded = _timed(session, url, requests_n)
        load_flood = os.getloadavg()[0]
    finally:
        wrk.terminate()
        try:
            wrk.wait(timeout=20)
        except subprocess.TimeoutExpired:
            wrk.kill()
            wrk.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
    statuses = _statuses(access, offset)
    idle_median = statistics.median(idle)
    flood_median = statistics.median(flooded)
    return {
        "clients": CLIENTS,
        "requests": requests_n,
        "idle_median_ms": round(idle_median, 1),
        "flood_median_ms": round(flood_median, 1),
        "ratio": round(flood_median / idle_median, 2),
        "target_ratio": TARGET_RATIO,
        "flood_answers": dict(sorted(statuses.items())),
        "load_average_1min": {"idle": round(load_idle, 2), "flood": round(load_flood, 2)},
    }


def line(label: str, result: dict[str, Any]) -> str:
    if "skipped" in result:
        return f"  {label}: skipped, {result['skipped']}"
    answers = ", ".join(f"{n} x {code}" for code, n in result["flood_answers"].items())
    return (
        f"  {label}: case list median idle {result['idle_median_ms']} ms, under flood "
        f"{result['flood_median_ms']} ms (x{result['ratio']}, target <= x{TARGET_RATIO:.0f}); "
        f"flood answered {answers}; load {result['load_average_1min']}"
    )

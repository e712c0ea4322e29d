"""Time POST /api/v1/indicators/evaluate against a running Childpath (issue 3: median < 20 ms).

Usage: start the demo (`make run`, or gunicorn with `--access-logfile`), then
`.venv/bin/python bench/evaluate_endpoint.py http://127.0.0.1:8000`. Loopback only; 20 warm-up
and 300 timed requests, one at a time, as a token-authenticated system would call it.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import requests

BODY: dict[str, Any] = {
    "age_at_exploitation": 16,
    "age_uncertain": False,
    "observations": {
        "cse_sold_for_sex": "reported",
        "cse_cannot_refuse": "observed",
        "onl_older_online_contact": "reported",
        "risk_running_away": "observed",
        "cse_debt_to_exploiter": "unknown",
    },
}


def main(base: str) -> None:
    # The demo's current one-time code, as `make run` tells a person to get it.
    listing = subprocess.run(
        [sys.executable, "manage.py", "demo_users", "--json"],
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "CHILDPATH_DEMO": "true"},
        capture_output=True,
        text=True,
        check=True,
    )
    sara = next(row for row in json.loads(listing.stdout) if row["username"] == "caseworker.sara")
    login = {"username": sara["username"], "password": sara["password"], "otp": sara["otp"]}
    token = requests.post(f"{base}/api/v1/auth/token", data=login, timeout=30).json()["token"]
    headers = {"Authorization": f"Token {token}"}
    url = f"{base}/api/v1/indicators/evaluate"
    for _ in range(20):
        requests.post(url, json=BODY, headers=headers, timeout=30)
    times = []
    for _ in range(300):
        start = time.perf_counter()
        response = requests.post(url, json=BODY, headers=headers, timeout=30)
        times.append((time.perf_counter() - start) * 1000)
        response.raise_for_status()
    times.sort()
    p95 = times[int(0.95 * len(times)) - 1]
    print(f"client-side: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms (n=300)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")

"""Where a page's time goes: a profiler over many in-process requests, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cp_perf_bench \\
        python bench/profile_pages.py --dataset var/bench/dataset-100000.json [--requests 200]
        [--cprofile]

Signs in as the benchmarked caseworker with Django's test client (the whole middleware
stack, templates and the database; no HTTP server) and profiles each page over
``--requests`` requests, cycling through cases as the load runner does. Writes one text
report per page to ``var/bench/profile-<page>.txt`` and prints the time per request.
``pyinstrument`` is a profiling tool, not a dependency: ``pip install pyinstrument`` into
the virtual environment first; ``--cprofile`` uses the standard library's deterministic
profiler instead, over CPU time (``profile-<page>.cprofile.txt``: the functions by own and
cumulative CPU time; waits for the database and for a core are left out).
Every page's queries per request are counted on one unprofiled request first.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "childpath.settings")

import django  # noqa: E402

django.setup()

import cProfile  # noqa: E402
import io  # noqa: E402
import pstats  # noqa: E402

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from childpath.accounts.models import User  # noqa: E402
from conftest import verified_client  # noqa: E402  (the tests' two-factor session)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--only", help="comma-separated page names")
    parser.add_argument("--cprofile", action="store_true", help="cProfile, not pyinstrument")
    args = parser.parse_args()
    dataset = json.loads(args.dataset.read_text())
    refs = dataset["references"][:200]
    pages = {
        "trivial": ["/accounts/session"],
        "home": ["/"],
        "case-list": ["/cases/"],
        "case-page": [f"/cases/{r}/" for r in refs],
        "search": [f"/cases/?name={n}" for n in dataset["names"]],
        "screening": [f"/cases/{r}/screenings/{pk}/" for r, pk in dataset.get("screenings", [])],
        "api-list": ["/api/v1/cases"],
        "api-detail": [f"/api/v1/cases/{r}" for r in refs],
    }
    if args.only:
        pages = {k: v for k, v in pages.items() if k in args.only.split(",")}
    client = verified_client(User.objects.get(username=dataset["username"]))
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    for name, urls in pages.items():
        if not urls:
            continue
        for url in urls[:5]:
            assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            client.get(urls[0])
        # Counted now: every request starts by emptying the connection's query log.
        query_count = len(queries.captured_queries)
        started_cpu = time.process_time()
        if args.cprofile:
            # CPU time, not wall time: on a shared machine waits say more about the load.
            profile = cProfile.Profile(time.process_time)
            started = time.perf_counter()
            profile.enable()
            for k in range(args.requests):
                assert client.get(urls[k % len(urls)]).status_code == 200
            profile.disable()
            per_request = (time.perf_counter() - started) * 1000 / args.requests
            text = io.StringIO()
            stats = pstats.Stats(profile, stream=text)
            stats.sort_stats("tottime").print_stats(40)
            stats.sort_stats("cumulative").print_stats(80)
            (out / f"profile-{name}.cprofile.txt").write_text(text.getvalue())
        else:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
            started = time.perf_counter()
            with profiler:
                for k in range(args.requests):
                    response = client.get(urls[k % len(urls)])
                    assert response.status_code == 200
            per_request = (time.perf_counter() - started) * 1000 / args.requests
            (out / f"profile-{name}.txt").write_text(
                profiler.output_text(unicode=True, show_all=False)
            )
        cpu = (time.process_time() - started_cpu) * 1000 / args.requests
        print(
            f"{name:12} {per_request:6.1f} ms per request, {cpu:5.1f} ms CPU (profiled), "
            f"{query_count} queries"
        )


if __name__ == "__main__":
    main()

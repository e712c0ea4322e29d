"""SQL queries per page, counted in-process, and EXPLAIN ANALYZE of the slowest ones.

Run by ``bench/run.py`` after ``bench/dataset.py`` (same DATABASE_URL):

    python bench/queries.py --dataset var/bench/dataset-100000.json \
        --out var/bench/queries-100000.json --explain var/bench/explain-100000.txt

Each page is requested once through Django's test client, signed in as the benchmarked
caseworker, to warm up; the second request is captured with ``CaptureQueriesContext``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "childpath.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from pages import endpoints  # noqa: E402  (bench/pages.py)

from childpath.accounts.models import User  # noqa: E402
from conftest import verified_client  # noqa: E402  (the tests' two-factor session)


def explain(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--explain", type=Path, required=True)
    parser.add_argument("--slowest", type=int, default=2, help="queries explained per page")
    args = parser.parse_args()
    dataset = json.loads(args.dataset.read_text())
    # Signed in with both factors, as the two-factor sign-in leaves a session.
    client = verified_client(User.objects.get(username=dataset["username"]))
    results: dict[str, Any] = {}
    plans: list[str] = []
    for label, url in endpoints(dataset).items():
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        queries: list[dict[str, Any]] = [
            {"ms": round(float(q["time"]) * 1000, 2), "sql": q["sql"]}
            for q in captured.captured_queries
        ]
        results[label] = {
            "url": url,
            "queries": len(queries),
            "sql_ms": round(sum(q["ms"] for q in queries), 2),
            "statements": queries,
        }
        plans.append(f"#### {label}: {url} ({len(queries)} queries)\n")
        plans.extend(f"  {q['ms']:7.2f} ms  {q['sql'][:160]}" for q in queries)
        selects = [
            q for q in queries if q["sql"].startswith("SELECT") and "FOR UPDATE" not in q["sql"]
        ]
        for q in sorted(selects, key=lambda q: -q["ms"])[: args.slowest]:
            plans.append(f"\n{q['sql']}\n\n{explain(q['sql'])}\n")
        plans.append("")
    args.out.write_text(json.dumps(results, indent=2))
    args.explain.write_text("\n".join(plans) + "\n")


if __name__ == "__main__":
    main()

"""The case list's first page against its page 100, in each order and filtered (keyset).

Run after ``bench/dataset.py`` (same DATABASE_URL):

    python bench/bench_case_list.py --dataset var/bench/dataset-20000.json \
        --out var/bench/case-list-20000.json

Each list is requested through Django's test client, signed in as the benchmarked caseworker
(as ``queries.py`` does): once to warm up, then ``--repeat`` times, timed on the client; the
queries of one request are counted. Page 100 is reached by its position, the cursor the Next
link of page 99 would carry (``cursor_for`` of the 2,475th row in the list's order). For
comparison, the same page read with OFFSET (``window``, what the list did before keysets) is
timed in the ORM alone.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "childpath.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

# As in the tests: the manifest storage needs ``collectstatic``, which the bench has not run.
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

from django.db import connection  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from childpath.accounts.models import User  # noqa: E402
from childpath.cases.listing import CaseFilterForm, outer_filters  # noqa: E402
from childpath.cases.models import Case  # noqa: E402
from childpath.lib.pagination import cursor_for, window  # noqa: E402
from conftest import verified_client  # noqa: E402  (the tests' two-factor session)

PAGE_SIZE = 25  # childpath.cases.views.PAGE_SIZE
DEEP = 100

# label: query string of the list (filters and order).
LISTS = {
    "newest registered": "",
    "latest activity": "sort=activity",
    "reference": "sort=reference",
    "open cases without a coordinator, latest activity": "coordinator=none&sort=activity",
    "presumed victims, by reference": "stage=presumed&sort=reference",
}


def _ordered(user: User, query: str) -> Any:
    form = CaseFilterForm(QueryDict(query), user=user, outer=outer_filters())
    assert form.is_valid(), form.errors
    ordering = form.ordering()
    sign = "-" if ordering.descending else ""
    cases = form.apply(Case.objects.visible_to(user, per_row=True))
    return cases.order_by(f"{sign}{ordering.field}", f"{sign}id"), ordering


def _timed(client: Any, url: str, repeat: int) -> dict[str, Any]:
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, url
    return {
        "url": url,
        "queries": len(captured.captured_queries),
        "median_ms": round(statistics.median(times), 1),
        "p90_ms": round(sorted(times)[int(0.9 * (len(times) - 1))], 1),
    }


def _offset_ms(queryset: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        window(queryset.for_listing(), DEEP, PAGE_SIZE)
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    dataset = json.loads(args.dataset.read_text())
    user = User.objects.get(username=dataset["username"])
    client = verified_client(user)
    results: dict[str, Any] = {"cases": Case.objects.count(), "lists": {}}
    for label, query in LISTS.items():
        ordered, ordering = _ordered(user, query)
        position = (DEEP - 1) * PAGE_SIZE
        before = list(ordered[position - 1 : position])
        last_of_99 = before[0] if before else None
        first = _timed(client, f"/cases/?{query}", args.repeat)
        row: dict[str, Any] = {"first": first}
        if last_of_99 is not None:
            deep = urlencode({"after": cursor_for(last_of_99, ordering), "page": DEEP})
            url = f"/cases/?{query}&{deep}" if query else f"/cases/?{deep}"
            row["page_100"] = _timed(client, url, args.repeat)
            row["ratio"] = round(row["page_100"]["median_ms"] / first["median_ms"], 2)
            row["offset_page_100_orm_ms"] = _offset_ms(ordered, args.repeat)
        results["lists"][label] = row
        print(label, json.dumps(row))
    args.out.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

"""Print how many screenings per second the pure engine evaluates on one core.

Run from the repository root: python -m bench.bench_engine

Two workloads: "dense" answers every indicator with random statuses (30% unknown, 20% counting:
the worst case), "typical" answers every indicator, a handful observed or unknown and the rest
not observed, as a frontline screening usually looks.
"""

from __future__ import annotations

import random
import time

from childpath.indicators.catalogue import load_catalogue
from childpath.indicators.engine import STATUSES, evaluate

SAMPLES = 200


def _run(name: str, screenings: list[dict[str, str]], ages: list[int | None], n: int) -> None:
    catalogue = load_catalogue(extension="SE")
    # CPU time of this process, so other work on a shared machine does not distort the number.
    start = time.process_time()
    for k in range(n):
        evaluate(
            catalogue,
            observations=screenings[k % SAMPLES],
            age_at_exploitation=ages[k % SAMPLES],
            age_uncertain=k % 7 == 0,
        )
    elapsed = time.process_time() - start
    print(f"{name:8} {n / elapsed:>9,.0f} evaluations per CPU-second (one core)")


def main(n: int = 20_000) -> None:
    catalogue = load_catalogue(extension="SE")
    ids = [i.id for i in catalogue.indicators]
    rng = random.Random(2026)
    ages = [rng.choice([None, 9, 15, 17, 19, 30]) for _ in range(SAMPLES)]
    dense = [{i: rng.choices(STATUSES, (2, 1, 1, 10, 6))[0] for i in ids} for _ in range(SAMPLES)]
    typical = []
    for _ in range(SAMPLES):
        screening = dict.fromkeys(ids, "not_observed")
        for i in rng.sample(ids, 10):
            screening[i] = rng.choice(("observed", "reported", "suspected", "unknown"))
        typical.append(screening)
    print(f"{len(ids)} indicators answered in each screening, {n:,} screenings per workload")
    _run("dense", dense, ages, n)
    _run("typical", typical, ages, n)


if __name__ == "__main__":
    main()

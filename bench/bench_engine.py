"""Print how many screenings per second the pure engine evaluates on one core.

Run from the repository root: python -m bench.bench_engine [evaluations per repetition]

Issue 3 asks for at least 20,000 evaluations per second on one core with every indicator
answered. Three workloads, each of 200 synthetic screenings over the core catalogue plus the
illustrative SE extension (every indicator answered), ages mixed, one in seven age-uncertain:

- typical: a handful (10) observed, reported, suspected or unknown, the rest not observed, as a
  frontline screening usually looks;
- dense: random statuses, about 30% unknown and 20% counting;
- worst: every indicator counts (observed or reported), the most work the engine can be given:
  every dimension positive, every reason and every extension finding built.

Method: the process is pinned to one CPU where the OS allows; each workload is warmed up once,
then timed REPETITIONS times in CPU time of this process (so other work on a shared machine
distorts the number less), and the median rate is reported with the slowest and fastest.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time

from childpath.indicators.catalogue import load_catalogue
from childpath.indicators.engine import STATUSES, evaluate

SAMPLES = 200
REPETITIONS = 7
DEFAULT_N = 20_000

Screening = dict[str, str]


def _pin_to_one_core() -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def _workloads(ids: list[str], rng: random.Random) -> dict[str, list[Screening]]:
    typical = []
    for _ in range(SAMPLES):
        screening = dict.fromkeys(ids, "not_observed")
        for i in rng.sample(ids, 10):
            screening[i] = rng.choice(("observed", "reported", "suspected", "unknown"))
        typical.append(screening)
    dense = [{i: rng.choices(STATUSES, (2, 1, 1, 10, 6))[0] for i in ids} for _ in range(SAMPLES)]
    worst = [{i: rng.choice(("observed", "reported")) for i in ids} for _ in range(SAMPLES)]
    return {"typical": typical, "dense": dense, "worst": worst}


def _rate(screenings: list[Screening], ages: list[int | None], n: int) -> float:
    """Evaluations per CPU-second for one timed run of ``n`` evaluations."""
    catalogue = load_catalogue(extension="SE")
    start = time.process_time()
    for k in range(n):
        evaluate(
            catalogue,
            observations=screenings[k % SAMPLES],
            age_at_exploitation=ages[k % SAMPLES],
            age_uncertain=k % 7 == 0,
        )
    return n / (time.process_time() - start)


def main(n: int = DEFAULT_N) -> None:
    pinned = _pin_to_one_core()
    catalogue = load_catalogue(extension="SE")
    ids = [i.id for i in catalogue.indicators]
    rng = random.Random(2026)
    ages = [rng.choice([None, 9, 15, 17, 19, 30]) for _ in range(SAMPLES)]
    print(
        f"Python {sys.version.split()[0]}, {pinned}; {len(ids)} indicators answered per screening"
        f" ({len(catalogue.core_indicators)} core + {len(catalogue.extension_indicators)} SE)"
    )
    print(
        f"method: 1 warm-up run, then {REPETITIONS} timed runs of {n:,} evaluations each "
        f"(CPU time of this process); median, with slowest and fastest run"
    )
    for name, screenings in _workloads(ids, rng).items():
        _rate(screenings, ages, n)  # warm-up: caches, allocator, branch predictors
        rates = sorted(_rate(screenings, ages, n) for _ in range(REPETITIONS))
        print(
            f"{name:8} {statistics.median(rates):>9,.0f} evaluations per CPU-second"
            f"  (slowest {rates[0]:,.0f}, fastest {rates[-1]:,.0f})"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_N)

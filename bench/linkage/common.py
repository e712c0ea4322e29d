"""Shared helpers of the linkage benchmarks (run in var/bench-linkage-venv, see run.py)."""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def load() -> float:
    return round(os.getloadavg()[0], 2)


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


class Timer:
    def __enter__(self) -> Timer:
        self.load_before = load()
        self.cpu = time.process_time()
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.start
        self.cpu_seconds = time.process_time() - self.cpu
        self.load_after = load()

    def info(self) -> dict[str, object]:
        return {
            "seconds": round(self.seconds, 3),
            "cpu_seconds": round(self.cpu_seconds, 3),
            "load_average_1min": [self.load_before, self.load_after],
        }


def prf(found: set[tuple[str, str]], truth: set[tuple[str, str]]) -> dict[str, float]:
    tp = len(found & truth)
    precision = tp / len(found) if found else 0.0
    recall = tp / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def best_threshold(scores: Any, is_match: Any, total_true: int) -> dict[str, float | None]:
    """Best F1 over plain thresholds on a score (pairs not scored count as missed)."""
    import numpy as np

    order = np.argsort(-np.asarray(scores), kind="stable")
    hits = np.asarray(is_match, dtype=bool)[order]
    tp = np.cumsum(hits)
    k = np.arange(1, len(hits) + 1)
    precision = tp / k
    recall = tp / max(total_true, 1)
    f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall + 1e-12), 0)
    i = int(f1.argmax()) if len(f1) else 0
    if not len(f1):
        return {"f1": 0.0, "precision": 0.0, "recall": 0.0, "threshold": None}
    return {
        "f1": round(float(f1[i]), 4),
        "precision": round(float(precision[i]), 4),
        "recall": round(float(recall[i]), 4),
        "threshold": round(float(np.asarray(scores)[order][i]), 4),
    }


def recall_at_precision(
    scores: Any, is_match: Any, total_true: int, precision: float = 0.95
) -> dict[str, float | None]:
    """The highest recall over plain thresholds whose precision is at least ``precision``."""
    import numpy as np

    order = np.argsort(-np.asarray(scores), kind="stable")
    hits = np.asarray(is_match, dtype=bool)[order]
    tp = np.cumsum(hits)
    shares = tp / np.arange(1, len(hits) + 1)
    ok = np.flatnonzero(shares >= precision)
    if not len(ok):
        return {"recall": 0.0, "precision": None, "threshold": None}
    i = int(ok[np.argmax(tp[ok])])
    return {
        "recall": round(float(tp[i] / max(total_true, 1)), 4),
        "precision": round(float(shares[i]), 4),
        "threshold": round(float(np.asarray(scores)[order][i]), 4),
    }

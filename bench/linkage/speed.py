"""Speed and memory: Dice pairs per second (ours vs anonlink), one query against 1,000,000
stored encodings, their memory, and link on 100,000 × 100,000 records."""

from __future__ import annotations

import json
import statistics
import sys
import time
import tracemalloc
from typing import Any

import numpy as np
from common import Timer, best_threshold, load, peak_rss_mb, recall_at_precision

from childpath.linkage import encode_records, generate_key, link, query, synthetic
from childpath.linkage.blocking import Blocking
from childpath.linkage.encoding import DTYPE, EncodingSet
from childpath.linkage.memory import without_huge_pages
from childpath.linkage.search import dice_search

_M8 = np.uint64(0x00FF00FF00FF00FF)
_MUL = np.uint64(0x0001000100010001)
_S48 = np.uint64(48)
_S8 = np.uint64(8)


def dice_full(left: np.ndarray, right: np.ndarray, threshold: float, chunk: int = 4096) -> int:
    """All pairs above a Dice threshold, every Dice computed in full (the earlier method):
    numpy bitwise_count in cache-sized chunks, byte counts summed by SWAR."""
    pop_right = np.bitwise_count(right).sum(axis=1, dtype=np.uint16).astype(np.float32)
    pop_left = np.bitwise_count(left).sum(axis=1, dtype=np.uint16).astype(np.float32)
    found = 0
    buffer = np.empty((chunk, right.shape[1]), dtype=np.uint64)
    counts = np.empty((chunk, right.shape[1]), dtype=np.uint8)
    for start in range(0, len(right), chunk):
        block = right[start : start + chunk]
        n = len(block)
        b, c, pr = buffer[:n], counts[:n], pop_right[start : start + chunk]
        for i in range(len(left)):
            np.bitwise_and(block, left[i], out=b)
            np.bitwise_count(b, out=c)
            x = c.view(np.uint64)
            y = (x & _M8) + ((x >> _S8) & _M8)
            inter = ((y * _MUL) >> _S48).sum(axis=1)
            found += int((2 * inter >= threshold * (pr + pop_left[i])).sum())
    return found


def _filters(rng: np.random.Generator, n: int) -> np.ndarray:
    # Filters about 60% full, as Bloom filters of whole records are.
    draws = [rng.integers(0, 2**63, (n, 16), dtype=np.uint64) for _ in range(3)]
    filters: np.ndarray = draws[0] & draws[1] | draws[2]
    return filters


def _random_sets() -> tuple[np.ndarray, np.ndarray]:
    """300 × 100,000 random 1024-bit filters about 60% full, 1,000 of the right ones noisy
    copies of left ones (about 3% of bits flipped), so that pairs above 0.9 exist."""
    rng = np.random.default_rng(1)
    n_left, n_right = 300, 100_000
    left, right = _filters(rng, n_left), _filters(rng, n_right)
    noise = rng.integers(0, 2**63, (1000, 16), dtype=np.uint64)
    for _ in range(4):
        noise &= rng.integers(0, 2**63, (1000, 16), dtype=np.uint64)
    right[rng.choice(n_right, 1000, replace=False)] = left[rng.integers(0, n_left, 1000)] ^ noise
    return left, right


def _encoded_sets() -> tuple[np.ndarray, np.ndarray]:
    """Our own encodings as 1024-bit record filters (given ‖ family name): 300 records of B
    against the 100,000 of A of the synthetic set (seed 6). Their popcounts vary with the
    length of the names, as those of real record-level filters do."""
    a, b, _truth = synthetic.generate(100_000, seed=6)
    key = generate_key()
    left, right = encode_records(key, b[:300]), encode_records(key, a)
    return (
        np.ascontiguousarray(np.hstack([left.given, left.family])),
        np.ascontiguousarray(np.hstack([right.given, right.family])),
    )


def dice_throughput(
    left: np.ndarray, right: np.ndarray, threshold: float, runs: int = 3
) -> dict[str, object]:
    """Pairs per CPU second = len(left) × len(right) / CPU seconds of one whole search, for
    both: all pairs at or above the threshold, from the filters in each one's input form
    (numpy words; anonlink: bitarrays, as its API takes them). Both must find the same
    pairs."""
    pairs = len(left) * len(right)
    popcounts = np.bitwise_count(right).sum(axis=1)
    out: dict[str, object] = {
        "pairs": pairs,
        "bits": 64 * left.shape[1],
        "threshold": threshold,
        "right_popcount_min_median_max": [
            int(popcounts.min()),
            int(np.median(popcounts)),
            int(popcounts.max()),
        ],
    }
    runs_ours, runs_full, runs_anon = [], [], []
    found: dict[str, set[tuple[int, int]]] = {}
    try:
        import anonlink
        from bitarray import bitarray

        def to_bitarrays(words: np.ndarray) -> list[Any]:
            result = []
            for row in words:
                b = bitarray(endian="big")
                b.frombytes(row.tobytes())
                result.append(b)
            return result

        left_ba, right_ba = to_bitarrays(left), to_bitarrays(right)
    except Exception as error:
        anonlink = None
        out["anonlink_error"] = repr(error)
    for _ in range(runs):  # alternate, so all see the same load
        with Timer() as timer:
            ia, ib, _dice = dice_search(left, right, threshold)
        found["ours"] = set(zip(ia.tolist(), ib.tolist(), strict=True))
        runs_ours.append(pairs / timer.cpu_seconds)
        if threshold == 0.9 and left.shape[1] == 16:
            with Timer() as timer:
                dice_full(left, right, threshold)
            runs_full.append(pairs / timer.cpu_seconds)
        if anonlink is not None:
            with Timer() as timer:
                _sims, (i0, i1) = anonlink.similarities.dice_coefficient_accelerated(
                    [left_ba, right_ba], threshold
                )
            found["anonlink"] = set(zip(list(i0), list(i1), strict=True))
            runs_anon.append(pairs / timer.cpu_seconds)
    out["pairs_found"] = {name: len(pairs_found) for name, pairs_found in found.items()}
    if "anonlink" in found:
        out["same_pairs_found"] = found["ours"] == found["anonlink"]
    out["ours_pairs_per_cpu_second_median"] = f"{statistics.median(runs_ours):.3g}"
    if runs_full:
        out["ours_every_dice_in_full_pairs_per_cpu_second_median"] = (
            f"{statistics.median(runs_full):.3g}"
        )
    if runs_anon:
        out["anonlink_pairs_per_cpu_second_median"] = f"{statistics.median(runs_anon):.3g}"
        out["ratio_ours_to_anonlink"] = round(
            statistics.median(runs_ours) / statistics.median(runs_anon), 2
        )
    out["load_average_1min"] = load()
    return out


def million() -> dict[str, object]:
    a, _b, _t = synthetic.generate(20_000, seed=5)
    key = generate_key()
    base = encode_records(key, a)
    # 1,000,000 stored encodings: the 20,000 real ones and noisy copies of them.
    rng = np.random.default_rng(2)
    n = 1_000_000
    rows = np.zeros(n, dtype=DTYPE)
    pick = rng.integers(0, len(base), n)
    noise = (
        rng.integers(0, 2**63, (n, 8), dtype=np.uint64)
        & rng.integers(0, 2**63, (n, 8), dtype=np.uint64)
        & rng.integers(0, 2**63, (n, 8), dtype=np.uint64)
        & rng.integers(0, 2**63, (n, 8), dtype=np.uint64)
    )
    rows["format"] = 1
    rows["given"] = base.given[pick] ^ noise
    rows["family"] = base.family[pick] ^ np.roll(noise, 1, axis=0)
    for name in ("year", "monthday", "swapped", "year_even", "year_odd", "years", "flags", "sex"):
        rows[name] = getattr(base, name)[pick]
    rss_before = peak_rss_mb()
    stored = EncodingSet([f"CP-{i:07d}" for i in range(n)], rows, key.key_id)
    del rows, noise, pick
    probe = encode_records(key, a[:50])
    times = []
    found = []
    for i in range(50):
        one = EncodingSet(
            [probe.id(i)],
            np.frombuffer(b"".join([]), dtype=DTYPE) if False else _row(probe, i),
            key.key_id,
        )
        start = time.process_time()
        matches = query(one, stored)
        times.append((time.process_time() - start) * 1000)
        found.append(len(matches))
    return {
        "stored": n,
        "stored_mb": round(stored.nbytes / 1e6, 1),
        "process_peak_rss_mb": peak_rss_mb(),
        "process_peak_rss_mb_before_store": rss_before,
        "query_cpu_ms_median": round(statistics.median(times), 1),
        "query_cpu_ms_max": round(max(times), 1),
        "candidates_found_median": statistics.median(found),
        "load_average_1min": load(),
    }


def _row(encodings: EncodingSet, i: int) -> np.ndarray:
    row = np.zeros(1, dtype=DTYPE)
    row["format"] = 1
    for name in (
        "given",
        "family",
        "year",
        "monthday",
        "swapped",
        "year_even",
        "year_odd",
        "years",
        "flags",
        "sex",
    ):
        row[name] = getattr(encodings, name)[i]
    return row


def link_100k() -> dict[str, object]:
    """Encoding both files and linking them, timed apart (CPU and wall, with the load);
    then, in a second run of link alone, the memory link itself allocates at its peak
    (tracemalloc, which numpy reports to), since the process peak also holds the records,
    the encoder and this benchmark's own lists."""
    without_huge_pages()  # as the command does (childpath/linkage/memory.py)
    a, b, truth = synthetic.generate(100_000, seed=6)
    key = generate_key()
    with Timer() as encode_timer:
        left, right = encode_records(key, a), encode_records(key, b)
    with Timer() as timer:
        result = link(left, right, key)
    rss_after_link = peak_rss_mb()
    c = result.comparison
    pairs = [(left.id(int(i)), right.id(int(j))) for i, j in zip(c.left, c.right, strict=True)]
    ids = set(pairs)
    is_match = np.array([p in truth for p in pairs])
    chosen = result.selected(0.5)
    del pairs, ids
    tracemalloc.start()
    link(left, right, key)
    _current, link_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "blocking": str(Blocking.for_sizes(len(left), len(right))),
        "best_plain_threshold": best_threshold(result.probability, is_match, len(truth)),
        "recall_at_precision_0.95": recall_at_precision(result.probability, is_match, len(truth)),
        "at_candidate_0.5": {
            "precision": round(float(is_match[chosen].mean()), 4),
            "recall": round(float(is_match[chosen].sum()) / len(truth), 4),
        },
        "matches_estimated": round(result.model.prior * result.candidates),
        "true_pairs_compared": int(is_match.sum()),
        "link_peak_allocated_mb": round(link_peak / 1e6, 1),
        "process_peak_rss_mb_after_link": rss_after_link,
        "records": [len(a), len(b)],
        "encode": encode_timer.info(),
        "link": timer.info(),
        "encode_and_link_cpu_seconds": round(encode_timer.cpu_seconds + timer.cpu_seconds, 1),
        "encode_and_link_wall_seconds": round(encode_timer.seconds + timer.seconds, 1),
        "pairs_compared": result.candidates,
        "blocking_recall": round(float(is_match.sum()) / len(truth), 4),
        "pairs_skipped_in_big_blocks": result.skipped_by_blocking,
    }


def main() -> None:
    which = sys.argv[1:] or ["dice", "million", "link"]
    results: dict[str, object] = {}
    if "dice" in which:
        results["dice"] = dice_throughput(*_random_sets(), 0.9, runs=5)
        print("dice", results["dice"], flush=True)
        results["dice_encodings"] = dice_throughput(*_encoded_sets(), 0.8, runs=5)
        print("dice_encodings", results["dice_encodings"], flush=True)
    if "million" in which:
        results["million"] = million()
        print("million", results["million"], flush=True)
    if "link" in which:
        results["link_100k"] = link_100k()
        print("link", results["link_100k"], flush=True)
    print("JSON " + json.dumps(results))


if __name__ == "__main__":
    main()

"""Every pair of Bloom filters with a Dice coefficient at or above a threshold, exactly.

Dice ``2|A∧B| / (|A|+|B|) ≥ t`` is the same as a Hamming distance ``|A⊕B| ≤ (1−t)(|A|+|B|)``
(since ``|A|+|B| = 2|A∧B| + |A⊕B|``). Two cheap necessary conditions rule out nearly every
pair before its Dice is counted in full:

1. **Popcount window.** ``2 min(|A|,|B|) / (|A|+|B|) ≥ t`` is needed, so ``|B|`` lies within
   ``[|A| t/(2−t), |A| (2−t)/t]``: with the right side sorted by popcount, each left filter
   meets only a contiguous range of it.
2. **Prefix bound.** The Hamming distance over the first ``k`` words is at most the whole
   one; a pair whose first ``k`` words already differ in more than ``(1−t)(|A|+|B|)`` bits
   cannot reach ``t``. ``k`` is chosen from a small sample (fewest words that rule out
   nearly all of it).

Only the survivors are counted in full and compared with ``t`` in float64, the same test as
``2|A∧B| / (|A|+|B|) ≥ t`` computed directly: the result is exact (a property test compares
it with brute force). Numpy only: the left side is taken in tiles of rows and the right
side in word-major blocks, so that each numpy call works on a cache-sized array and the
call overhead is shared by thousands of pairs.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.intp]
Filters = npt.NDArray[np.uint64]

# A survivor of the prefix bound costs about as much as this many words of the bound itself
# (it is gathered and counted in full on its own).
SURVIVOR_COST_WORDS = 100.0
TILE = 16  # left rows per numpy call
CALL_WORDS = 1 << 16  # words of the right side × tile rows per numpy call (512 KB)


def popcount_window(popcount: int, threshold: float) -> tuple[float, float]:
    """The popcounts ``|B|`` that can give ``|A| = popcount`` a Dice of at least ``threshold``."""
    return popcount * threshold / (2 - threshold), popcount * (2 - threshold) / threshold


def _slack(popcounts: npt.NDArray[np.int32], threshold: float) -> npt.NDArray[np.int32]:
    # floor((1−t)|A|) + floor((1−t)|B|) + 2 ≥ (1−t)(|A|+|B|) + 1: rounding never rules out a
    # pair exactly at the threshold.
    slack: npt.NDArray[np.int32] = np.floor((1 - threshold) * popcounts).astype(np.int32) + 1
    return slack


def bound_words(
    left: Filters, right: Filters, threshold: float, *, sample: int = 256
) -> npt.NDArray[np.intp]:
    """Which words the bound counts: on a sample of pairs, the words that differ most, as
    many as minimise words counted plus survivors counted in full."""
    words = left.shape[1]
    pick_left = np.linspace(0, len(left) - 1, min(sample // 4, len(left))).astype(np.intp)
    pick_right = np.linspace(0, len(right) - 1, min(sample * 4, len(right))).astype(np.intp)
    a, b = left[pick_left], right[pick_right]
    per_word = np.bitwise_count(a[:, None, :] ^ b[None, :, :]).astype(np.int32)
    order = np.argsort(-per_word.mean(axis=(0, 1)), kind="stable")
    distance = per_word[:, :, order].cumsum(axis=2)
    count_a, count_b = np.bitwise_count(a).astype(np.int32), np.bitwise_count(b).astype(np.int32)
    rest_a = count_a.sum(axis=1)[:, None] - count_a[:, order].cumsum(axis=1)
    rest_b = count_b.sum(axis=1)[:, None] - count_b[:, order].cumsum(axis=1)
    allowed = (
        _slack(count_a.sum(axis=1), threshold)[:, None]
        + _slack(count_b.sum(axis=1), threshold)[None, :]
    )
    costs = [
        k
        + SURVIVOR_COST_WORDS
        * float(
            (
                distance[:, :, k - 1] + np.abs(rest_a[:, None, k - 1] - rest_b[None, :, k - 1])
                <= allowed
            ).mean()
        )
        for k in range(1, words + 1)
    ]
    chosen: npt.NDArray[np.intp] = order[: int(np.argmin(costs)) + 1]
    return chosen


def dice_search(
    left: Filters,
    right: Filters,
    threshold: float,
    *,
    bound: npt.NDArray[np.intp] | None = None,
    call_words: int = CALL_WORDS,
) -> tuple[IntArray, IntArray, npt.NDArray[np.float32]]:
    """Every pair (row of ``left``, row of ``right``) with Dice ≥ ``threshold`` (0 < t ≤ 1):
    left indices, right indices (sorted by left, then right) and their Dice."""
    words = left.shape[1]
    if right.shape[1] != words or left.ndim != 2 or right.ndim != 2:
        raise ValueError("two stacks of filters of equal length")
    if not 0 < threshold <= 1:
        raise ValueError("the threshold is a Dice coefficient above 0, at most 1")
    empty = (np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp), np.zeros(0, np.float32))
    if not len(left) or not len(right):
        return empty
    chosen = bound_words(left, right, threshold) if bound is None else np.asarray(bound)
    k = len(chosen)
    pop_left = np.bitwise_count(left).sum(axis=1, dtype=np.int32)
    pop_right = np.bitwise_count(right).sum(axis=1, dtype=np.int32)
    order_left = np.argsort(pop_left, kind="stable")
    order_right = np.argsort(pop_right, kind="stable")
    sorted_pop = pop_right[order_right]
    # Distances and slacks fit 16 bits for filters up to 16,000 bits.
    small = np.int16 if 2 * 64 * words < np.iinfo(np.int16).max else np.int32
    # Word-major: word w of every right filter side by side, so one left word meets a whole
    # block of right filters in one contiguous pass.
    right_words = np.ascontiguousarray(right[order_right][:, chosen].T)
    # |A⊕B| ≥ (distance over the chosen words) + ||A_rest| − |B_rest||, the rest being the
    # words not counted
    rest_right = (sorted_pop - np.bitwise_count(right_words).sum(axis=0, dtype=np.int32)).astype(
        small
    )
    rest_left = (pop_left - np.bitwise_count(left[:, chosen]).sum(axis=1, dtype=np.int32)).astype(
        small
    )
    slack_right = _slack(sorted_pop, threshold).astype(small)
    slack_left = _slack(pop_left, threshold).astype(small)
    block = max(call_words // (TILE * k), 16)
    buffers = _Buffers(TILE, k, block, small)
    stacked = right_words[None]
    found: list[tuple[IntArray, IntArray, npt.NDArray[np.float64]]] = []
    for tile_start in range(0, len(left), TILE):
        rows = order_left[tile_start : tile_start + TILE]
        low, _ = popcount_window(int(pop_left[rows[0]]), threshold)
        _, high = popcount_window(int(pop_left[rows[-1]]), threshold)
        start = int(np.searchsorted(sorted_pop, math.floor(low) - 1, side="left"))
        stop = int(np.searchsorted(sorted_pop, math.ceil(high) + 1, side="right"))
        # The tile's words repeated along the block: xor of two full arrays runs faster in
        # numpy than against a broadcast column.
        tile_words = np.repeat(left[rows][:, chosen, None], block, axis=2)
        tile_slack = slack_left[rows, None]
        tile_rest = rest_left[rows, None]
        survivors: list[tuple[IntArray, IntArray]] = []
        for lo in range(start, stop, block):
            n = min(block, stop - lo)
            xor, counts, distance, allowed, rest, passed = buffers.views(len(rows), n)
            # (numpy calls on whole tiles: their fixed cost is shared by TILE × block pairs)
            np.bitwise_xor(stacked[:, :, lo : lo + n], tile_words[:, :, :n], out=xor)
            np.bitwise_count(xor, out=counts)
            np.add.reduce(counts, axis=1, dtype=small, out=distance)
            np.subtract(rest_right[lo : lo + n], tile_rest, out=rest)
            np.abs(rest, out=rest)
            np.add(distance, rest, out=distance)
            np.add(slack_right[lo : lo + n], tile_slack, out=allowed)
            np.less_equal(distance, allowed, out=passed)
            if passed.any():
                # (flatnonzero: several times faster than nonzero on two dimensions)
                which, offset = np.divmod(np.flatnonzero(passed), n)
                survivors.append((rows[which], order_right[lo + offset]))
        if survivors:
            found.append(_full_check(left, right, pop_left, pop_right, survivors, threshold))
    if not found:
        return empty
    ia, ib, value = (np.concatenate([f[part] for f in found]) for part in range(3))
    order = np.lexsort((ib, ia))
    return ia[order].astype(np.intp), ib[order].astype(np.intp), value[order].astype(np.float32)


class _Buffers:
    """Scratch arrays for one tile × block, reused; views of the full size made once."""

    def __init__(self, tile: int, words: int, block: int, small: type[np.signedinteger]) -> None:
        self.shape = (tile, block)
        self.xor = np.empty((tile, words, block), dtype=np.uint64)
        self.counts = np.empty((tile, words, block), dtype=np.uint8)
        self.distance = np.empty((tile, block), dtype=small)
        self.allowed = np.empty((tile, block), dtype=small)
        self.rest = np.empty((tile, block), dtype=small)
        self.passed = np.empty((tile, block), dtype=np.bool_)
        self.full = (self.xor, self.counts, self.distance, self.allowed, self.rest, self.passed)

    def views(self, tile: int, block: int) -> tuple[npt.NDArray[np.generic], ...]:
        if (tile, block) == self.shape:
            return self.full
        return (
            self.xor[:tile, :, :block],
            self.counts[:tile, :, :block],
            self.distance[:tile, :block],
            self.allowed[:tile, :block],
            self.rest[:tile, :block],
            self.passed[:tile, :block],
        )


def _full_check(
    left: Filters,
    right: Filters,
    pop_left: npt.NDArray[np.int32],
    pop_right: npt.NDArray[np.int32],
    survivors: list[tuple[IntArray, IntArray]],
    threshold: float,
) -> tuple[IntArray, IntArray, npt.NDArray[np.float64]]:
    """The survivors of the bound whose Dice, counted in full, reaches the threshold."""
    ia = np.concatenate([s[0] for s in survivors]).astype(np.intp)
    ib = np.concatenate([s[1] for s in survivors]).astype(np.intp)
    inter = np.bitwise_count(left[ia] & right[ib]).sum(axis=1, dtype=np.int64)
    total = np.maximum(pop_left[ia].astype(np.int64) + pop_right[ib], 1)
    value = 2 * inter / total
    keep = value >= threshold
    return ia[keep], ib[keep], value[keep]

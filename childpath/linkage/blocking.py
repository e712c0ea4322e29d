"""Blocking: which pairs are worth comparing, found from the encodings alone.

Comparing everything with everything is 10^10 pairs at 100,000 × 100,000. Two kinds of
blocks keep the pairs that can match:

* **MinHash bands** over the sound halves of both name filters together (given | family, so
  the order of the names does not matter): each band is ``rows`` MinHash values of the set
  bits under keyed permutations; two records share a band with probability Jaccard^rows;
* **the date of birth**: the same full date, or the same year with day and month swapped.

Blocks use only what the encodings already hold, so blocking reveals nothing more. Very
large blocks (more than ``max_block`` records on one side) are skipped; the benchmark reports
the recall lost to blocking.

Pairs found by the name bands alone are then screened on the packed bits: their sound halves
(both names ORed) must have a Dice of at least ``min_sound_dice``. This costs one 256-bit
popcount a pair and, at 0.6, drops about 70% of the pairs for 0.1% of the true ones (pairs
found by the date of birth are kept whatever their names). The number of pairs grows with
the square of the file size at fixed bands, so ``Blocking.for_sizes`` uses more MinHash rows
per band for files of 50,000 records or more.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .encoding import HALF, JAN1, WORDS, EncodingSet

Keys = npt.NDArray[np.uint64]


@dataclass(frozen=True)
class Blocking:
    bands: int = 20
    rows: int = 8
    max_block: int = 200
    dates: bool = True
    # Bands of fewer rows, taken only within the same year (or the year next to it).
    year_bands: int = 6
    year_rows: int = 3
    min_sound_dice: float = 0.0

    @classmethod
    def for_sizes(cls, left: int, right: int) -> Blocking:
        """Tighter bands for big files (measured in BENCHMARKS.md, "Record linkage")."""
        if max(left, right) < 50_000:
            return cls()
        return cls(bands=16, rows=12, year_bands=8, year_rows=6, max_block=100, min_sound_dice=0.6)


def _permutations(secret_label: bytes, count: int) -> npt.NDArray[np.intp]:
    rng = np.random.default_rng(int.from_bytes(secret_label[:16], "little"))
    return np.stack([rng.permutation(HALF) for _ in range(count)])


def permutations_for(key_secret_derived: bytes, blocking: Blocking) -> npt.NDArray[np.intp]:
    return _permutations(key_secret_derived, blocking.bands * blocking.rows)


def minhashes(sound: Keys, permutations: npt.NDArray[np.intp]) -> npt.NDArray[np.uint8]:
    """MinHash of the set bits of each row under each permutation (permutations × rows): the
    lowest rank, under the permutation, of a set bit (255 for an empty row).

    By byte tables: for byte ``j`` of the row and each of its 256 values, the highest score
    (255 − rank) of its set bits, looked up for every row, and the highest of the 32 kept.
    That is 32 lookups a row and permutation instead of 256 multiplications."""
    count = len(permutations)
    score = (255 - np.argsort(permutations, axis=1)).astype(np.uint8)  # (count, 256)
    bits = ((np.arange(256)[:, None] >> np.arange(8)[None, :]) & 1).astype(np.bool_)
    raw = np.ascontiguousarray(sound).view(np.uint8)  # little-endian: bit i of byte j is 8j+i
    best = np.zeros((count, len(sound)), dtype=np.uint8)
    for j in range(raw.shape[1]):
        table = np.where(bits[None, :, :], score[:, None, 8 * j : 8 * j + 8], 0).max(axis=2)
        np.maximum(best, np.take(table.astype(np.uint8), raw[:, j], axis=1), out=best)
    result: npt.NDArray[np.uint8] = 255 - best
    return result


def band_keys(
    encodings: EncodingSet, permutations: npt.NDArray[np.intp], blocking: Blocking
) -> list[Keys]:
    """One array of keys per band (0 where the record has no name)."""
    sound = encodings.given[:, WORDS // 2 :] | encodings.family[:, WORDS // 2 :]
    empty = ~sound.any(axis=1)
    minhash = minhashes(sound, permutations)
    keys = []
    for band in range(blocking.year_bands):
        chunk = minhash[band * blocking.rows : band * blocking.rows + blocking.year_rows]
        for year in (encodings.year_even, encodings.year_odd):
            key = year.astype(np.uint64)
            for row in chunk:
                key = key * np.uint64(HALF + 1) + row
            key[empty | (year == 0)] = 0
            keys.append(key)
    for band in range(blocking.bands):
        chunk = minhash[band * blocking.rows : (band + 1) * blocking.rows]
        key = np.full(len(encodings), band + 1, dtype=np.uint64)
        for row in chunk:
            key = key * np.uint64(HALF + 1) + row
        key[empty] = 0
        keys.append(key)
    return keys


def date_keys(encodings: EncodingSet) -> list[Keys]:
    default = (encodings.flags & JAN1) > 0
    same = (encodings.year.astype(np.uint64) << np.uint64(32)) | encodings.monthday
    swapped = (encodings.year.astype(np.uint64) << np.uint64(32)) | encodings.swapped
    same[(encodings.monthday == 0) | default | (encodings.year == 0)] = 0
    swapped[(encodings.swapped == 0) | default | (encodings.year == 0)] = 0
    return [same, swapped]


def join(left: Keys, right: Keys, max_block: int) -> tuple[npt.NDArray[np.int64], int]:
    """All (i, j) with left[i] == right[j] != 0, as i * len(right) + j; and pairs skipped."""
    order = np.argsort(right, kind="stable")
    sorted_right = right[order]
    # (the left keys sorted too: searching them in order is several times faster)
    order_left = np.argsort(left, kind="stable")
    left = left[order_left]
    lo = np.searchsorted(sorted_right, left, side="left")
    hi = np.searchsorted(sorted_right, left, side="right")
    counts = hi - lo
    counts[left == 0] = 0
    too_big = counts > max_block
    skipped = int(counts[too_big].sum())
    counts[too_big] = 0
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64), skipped
    left_index = np.repeat(order_left.astype(np.int64), counts)
    starts = np.repeat(lo - (np.cumsum(counts) - counts), counts)
    right_index = order[np.arange(total, dtype=np.int64) + starts]
    return left_index * len(right) + right_index, skipped


@dataclass
class Candidates:
    left: npt.NDArray[np.intp]
    right: npt.NDArray[np.intp]
    skipped: int


def _unique(codes: list[npt.NDArray[np.int64]]) -> npt.NDArray[np.int64]:
    joined = np.concatenate(codes) if codes else np.zeros(0, dtype=np.int64)
    joined.sort()
    if len(joined):
        joined = joined[np.concatenate(([True], joined[1:] != joined[:-1]))]
    return joined


def _sound_screen(
    a: EncodingSet, b: EncodingSet, codes: npt.NDArray[np.int64], threshold: float
) -> npt.NDArray[np.int64]:
    """The pairs whose sound halves (both names ORed) have a Dice of at least ``threshold``."""
    if threshold <= 0 or not len(codes):
        return codes
    union_a, pop_a = a.sound_union()
    union_b, pop_b = b.sound_union()
    keep = np.zeros(len(codes), dtype=np.bool_)
    step = 1 << 20
    for start in range(0, len(codes), step):
        part = codes[start : start + step]
        ia, ib = part // len(b), part % len(b)
        inter = np.bitwise_count(union_a[ia] & union_b[ib]).sum(axis=1, dtype=np.uint16)
        keep[start : start + step] = 2 * inter >= threshold * (pop_a[ia] + pop_b[ib])
    return codes[keep]


def candidate_pairs(
    a: EncodingSet,
    b: EncodingSet,
    permutations: npt.NDArray[np.intp],
    blocking: Blocking = Blocking(),
    *,
    same_set: bool = False,
) -> Candidates:
    keys_a = band_keys(a, permutations, blocking)
    keys_b = keys_a if same_set else band_keys(b, permutations, blocking)
    skipped = 0
    by_names = []
    for left, right in zip(keys_a, keys_b, strict=True):
        found, lost = join(left, right, blocking.max_block)
        by_names.append(found)
        skipped += lost
    codes = [_sound_screen(a, b, _unique(by_names), blocking.min_sound_dice)]
    if blocking.dates:
        dates_a = date_keys(a)
        for left, right in zip(dates_a, dates_a if same_set else date_keys(b), strict=True):
            found, lost = join(left, right, blocking.max_block)
            codes.append(found)
            skipped += lost
    unique = _unique(codes)
    ia = (unique // len(b)).astype(np.intp)
    ib = (unique % len(b)).astype(np.intp)
    if same_set:
        keep = ia < ib
        ia, ib = ia[keep], ib[keep]
    return Candidates(ia, ib, skipped)


def blocking_permutations(derived: bytes, blocking: Blocking) -> npt.NDArray[np.intp]:
    return permutations_for(hmac.digest(derived, b"minhash", hashlib.sha256), blocking)

"""Field-by-field comparison of encodings on packed bits.

Every similarity is a Dice coefficient ``2|A∧B| / (|A|+|B|)`` computed with numpy's
``bitwise_count`` (a hardware popcount) over 64-bit words. A comparison turns a pair into a
*level* per field, the agreement pattern that Fellegi–Sunter weights are estimated for.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .encoding import FULL, JAN1, KNOWN, NO_FAMILY, NO_GIVEN, EncodingSet

FIELDS = ("given_names", "family_name", "date_of_birth", "sex")
# Name levels from the Dice of the spelling half (s) and of the sound half (h) of a filter:
# 1 same spelling (s ≥ 0.9); 2 same sound, close spelling (h ≥ 0.9, s ≥ 0.6); 3 same sound;
# 4 close (s or h ≥ 0.7); 5 something in common (h ≥ 0.5); 6 different; 0 unknown.
# Date levels: 1 same; 2 day and month swapped; 3 a year apart, same day and month; 4 same
# year where one side knows only the year (or has the 1 January default); 5 within a year or
# ranges overlap, one side partial; 6 same year but two full dates that differ; 7 different.
# Levels 4-5 are estimates that agree; 6-7 contradict each other.
LEVELS = (7, 7, 8, 3)
LEVEL_LABELS = {
    "given_names": (
        "unknown",
        "same",
        "same sound, close spelling",
        "same sound",
        "close",
        "similar",
        "different",
    ),
    "family_name": (
        "unknown",
        "same",
        "same sound, close spelling",
        "same sound",
        "close",
        "similar",
        "different",
    ),
    "date_of_birth": (
        "unknown",
        "same",
        "day and month swapped",
        "a year apart, same day and month",
        "same year, one of them partial",
        "within a year, or ranges overlap",
        "same year, other day",
        "different",
    ),
    "sex": ("unknown", "same", "different"),
}
CHUNK = 65_536

IntArray = npt.NDArray[np.intp]
FloatArray = npt.NDArray[np.float32]


@dataclass
class Comparison:
    """Levels per pair and field (shape pairs × 4), with the name similarities behind them."""

    left: IntArray
    right: IntArray
    levels: npt.NDArray[np.int8]
    given_dice: FloatArray
    family_dice: FloatArray
    swapped_names: npt.NDArray[np.bool_]

    def __len__(self) -> int:
        return len(self.left)


def dice(
    x: npt.NDArray[np.uint64],
    y: npt.NDArray[np.uint64],
    pop_x: npt.NDArray[np.uint16] | None = None,
    pop_y: npt.NDArray[np.uint16] | None = None,
) -> FloatArray:
    """Row-wise Dice of two equally long stacks of filters (or one filter against many)."""
    inter = np.bitwise_count(x & y).sum(axis=-1, dtype=np.uint32)
    if pop_x is None:
        pop_x = np.bitwise_count(x).sum(axis=-1, dtype=np.uint16)
    if pop_y is None:
        pop_y = np.bitwise_count(y).sum(axis=-1, dtype=np.uint16)
    total = pop_x.astype(np.uint32) + pop_y
    out = np.zeros(inter.shape, dtype=np.float32)
    np.divide(2 * inter, total, out=out, where=total > 0)
    return out


def name_level(
    spelling: FloatArray, sound: FloatArray, missing: npt.NDArray[np.bool_]
) -> npt.NDArray[np.int8]:
    level = np.select(
        [
            missing,
            spelling >= 0.9,
            (sound >= 0.9) & (spelling >= 0.6),
            sound >= 0.9,
            (spelling >= 0.7) | (sound >= 0.7),
            sound >= 0.5,
        ],
        [0, 1, 2, 3, 4, 5],
        default=6,
    )
    return level.astype(np.int8)


_LOW8 = np.uint32(0x00FF00FF)
_SHIFT8 = np.uint32(8)
_SHIFT16 = np.uint32(16)
_LOW16 = np.uint32(0xFFFF)


def half_counts(words: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint32]:
    """Set bits in each half (4 words) of 512-bit filters, (n, 2): the eight per-word
    counts of a row are two 32-bit words of four bytes, summed by SWAR."""
    x = np.bitwise_count(words).view(np.uint32)
    x = (x & _LOW8) + ((x >> _SHIFT8) & _LOW8)
    summed: npt.NDArray[np.uint32] = (x & _LOW16) + (x >> _SHIFT16)
    return summed


def _half_dice(
    x: npt.NDArray[np.uint64],
    y: npt.NDArray[np.uint64],
    pop_x: npt.NDArray[np.uint32],
    pop_y: npt.NDArray[np.uint32],
) -> tuple[FloatArray, FloatArray]:
    """Dice of the spelling halves and of the sound halves of two stacks of filters."""
    inter = half_counts(x & y)
    total = pop_x + pop_y
    out = np.zeros(inter.shape, dtype=np.float32)
    np.divide(2 * inter, total, out=out, where=total > 0)
    return out[:, 0], out[:, 1]


def _compare_chunk(
    a: EncodingSet,
    b: EncodingSet,
    ia: IntArray,
    ib: IntArray,
    counts: tuple[npt.NDArray[np.uint32], ...] | None,
) -> Comparison:
    ga, fa, gb, fb = a.given[ia], a.family[ia], b.given[ib], b.family[ib]
    if counts is None:
        pga, pfa, pgb, pfb = (half_counts(f) for f in (ga, fa, gb, fb))
    else:
        pga, pfa, pgb, pfb = counts[0][ia], counts[1][ia], counts[2][ib], counts[3][ib]
    gg_s, gg_h = _half_dice(ga, gb, pga, pgb)
    ff_s, ff_h = _half_dice(fa, fb, pfa, pfb)
    gf_s, gf_h = _half_dice(ga, fb, pga, pfb)
    fg_s, fg_h = _half_dice(fa, gb, pfa, pgb)
    swap = (gf_h + fg_h + gf_s + fg_s) > (gg_h + ff_h + gg_s + ff_s) + 0.2
    given_s, given_h = np.where(swap, gf_s, gg_s), np.where(swap, gf_h, gg_h)
    family_s, family_h = np.where(swap, fg_s, ff_s), np.where(swap, fg_h, ff_h)
    flags_a, flags_b = a.flags[ia], b.flags[ib]
    no_given_b = np.where(swap, flags_b & NO_FAMILY, flags_b & NO_GIVEN) > 0
    no_family_b = np.where(swap, flags_b & NO_GIVEN, flags_b & NO_FAMILY) > 0
    levels = np.empty((len(ia), 4), dtype=np.int8)
    levels[:, 0] = name_level(given_s, given_h, ((flags_a & NO_GIVEN) > 0) | no_given_b)
    levels[:, 1] = name_level(family_s, family_h, ((flags_a & NO_FAMILY) > 0) | no_family_b)
    levels[:, 2] = date_level(a, b, ia, ib)
    sex_a, sex_b = a.sex[ia], b.sex[ib]
    levels[:, 3] = np.where((sex_a == 0) | (sex_b == 0), 0, np.where(sex_a == sex_b, 1, 2))
    given = ((given_s + given_h) / 2).astype(np.float32)
    family = ((family_s + family_h) / 2).astype(np.float32)
    return Comparison(ia, ib, levels, given, family, swap)


def date_level(a: EncodingSet, b: EncodingSet, ia: IntArray, ib: IntArray) -> npt.NDArray[np.int8]:
    fa, fb = a.flags[ia], b.flags[ib]
    known = ((fa & KNOWN) > 0) & ((fb & KNOWN) > 0)
    ya, yb = a.year[ia], b.year[ib]
    same_year = (ya == yb) & (ya != 0)
    full = ((fa & FULL) > 0) & ((fb & FULL) > 0)
    default = ((fa | fb) & JAN1) > 0
    # Two full dates, neither the 1 January default: day and month can contradict.
    precise = full & ~default
    monthday = (a.monthday[ia] == b.monthday[ib]) & precise
    swapped = (a.swapped[ia] == b.swapped[ib]) & (a.swapped[ia] != 0) & precise
    near = ((a.year_even[ia] == b.year_even[ib]) | (a.year_odd[ia] == b.year_odd[ib])) & (ya != 0)
    near &= yb != 0
    overlap = np.bitwise_count(a.years[ia] & b.years[ib]) >= 2
    level = np.select(
        [
            ~known,
            same_year & monthday,
            same_year & swapped,
            ~same_year & near & monthday,
            same_year & ~precise,
            (near | overlap) & ~precise,
            same_year,
        ],
        [0, 1, 2, 3, 4, 5, 6],
        default=7,
    )
    return level.astype(np.int8)


def compare(a: EncodingSet, b: EncodingSet, ia: IntArray, ib: IntArray) -> Comparison:
    """Compare pairs ``(a[ia[k]], b[ib[k]])``, in chunks to bound memory."""
    counts: tuple[npt.NDArray[np.uint32], ...] | None = None
    if len(ia) > len(a) + len(b):
        # more pairs than filters (a link, not a query): count each filter's halves once
        counts = tuple(half_counts(f) for f in (a.given, a.family, b.given, b.family))
    if len(ia) <= CHUNK:
        return _compare_chunk(
            a, b, np.asarray(ia, dtype=np.intp), np.asarray(ib, dtype=np.intp), counts
        )
    parts = [
        _compare_chunk(a, b, ia[start : start + CHUNK], ib[start : start + CHUNK], counts)
        for start in range(0, len(ia), CHUNK)
    ]
    return Comparison(
        np.concatenate([p.left for p in parts]),
        np.concatenate([p.right for p in parts]),
        np.concatenate([p.levels for p in parts]),
        np.concatenate([p.given_dice for p in parts]),
        np.concatenate([p.family_dice for p in parts]),
        np.concatenate([p.swapped_names for p in parts]),
    )

"""The blocking keys stored beside each encoding, so a query fetches only its candidates.

A query (``linkage.query``) compares one encoding with the stored ones that pass its screen:
names that share enough sound, or the same date of birth. Holding every stored encoding in
memory to screen them cost 420 MB at 100,000 cases, so each encoding's keys are stored in an
indexed table and the database returns the encodings that share a key with the query; the
core then screens and scores those exactly as before. The keys (pure numpy, no Django):

* the core's MinHash bands over the sound halves of both names (``linkage.blocking``, the
  bands ``link`` uses, with the bands of fewer rows within the same or the next year);
* the screen's own date test, exactly: the same year with the same day and month (or both
  without one), and the same year with day and month in either order.

The bands only find names that share much of their sound, so a pair the screen would have
passed on weaker name evidence and no shared date can be missed; BENCHMARKS.md ("Matching
in the database") has how often the answer differs from the in-memory one.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import numpy.typing as npt

from childpath.linkage.blocking import Blocking, band_keys, blocking_permutations
from childpath.linkage.encoding import EncodingSet
from childpath.linkage.keys import LinkageKey

# More, shorter bands than ``link`` uses (20 of 8 rows, and 6 of 3 within the year): a shorter
# band finds names that agree less, as the screen does. Year bands of 3 rows fetched 2.3 times
# as many encodings for half the misses of 4 rows (BENCHMARKS.md, "Matching in the database").
QUERY_BLOCKING = Blocking(bands=30, rows=6, year_bands=6, year_rows=4)
# The top bits tell the kinds of key apart, so a band and a date never collide.
_SAME_DATE = np.uint64(1 << 63)
_SWAPPED_DATE = np.uint64(1 << 62)
_DATE_MASK = np.uint64((1 << 62) - 1)


def _date_keys(encodings: EncodingSet) -> list[npt.NDArray[np.uint64]]:
    """``linkage.link.screen``'s date test as two keys (0 where the test cannot hold)."""
    year = encodings.year.astype(np.uint64) << np.uint64(32)
    same = (year | encodings.monthday) & _DATE_MASK | _SAME_DATE
    same[encodings.year == 0] = 0
    swapped = (year | encodings.swapped) & _DATE_MASK | _SWAPPED_DATE
    swapped[(encodings.year == 0) | (encodings.swapped == 0)] = 0
    return [same, swapped]


@lru_cache(maxsize=16)
def _permutations(derived: bytes) -> npt.NDArray[np.intp]:
    # Made once per key, not once per case: a re-encoding computes keys for every case.
    return blocking_permutations(derived, QUERY_BLOCKING)


def block_keys(encodings: EncodingSet, key: LinkageKey) -> list[list[int]]:
    """Per encoding, its distinct blocking keys as signed 64-bit integers (for a BIGINT)."""
    permutations = _permutations(key.derive("childpath-linkage blocking v1"))
    columns = band_keys(encodings, permutations, QUERY_BLOCKING) + _date_keys(encodings)
    if not len(encodings):
        return []
    table = np.stack(columns, axis=1).view(np.int64)
    return [sorted({int(k) for k in row if k != 0}) for row in table]

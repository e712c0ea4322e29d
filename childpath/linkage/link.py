"""Linking two sets of encodings, and answering one query against many stored encodings.

Both are the same steps: candidate pairs (blocking, or a fast screen for a single query),
comparison levels per field, Fellegi–Sunter weights (EM without labels for a link; the
model given for a query), term-frequency adjustment, a probability, and a band:
``likely`` (p ≥ LIKELY), ``candidate`` (p ≥ CANDIDATE) or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from .blocking import Blocking, blocking_permutations, candidate_pairs
from .compare import FIELDS, LEVEL_LABELS, Comparison, compare
from .encoding import WORDS, EncodingSet
from .keys import LinkageKey
from .model import CANDIDATE, LIKELY, Model, default_model, fit, level_shares

# The name levels that count as "agreeing" for the evidence shown to a person.
AGREEING = {"given_names": (1, 2), "family_name": (1, 2), "date_of_birth": (1, 2, 3), "sex": (1,)}


class LinkageError(ValueError):
    """Encodings that cannot be linked (another key, another format)."""


def band(probability: float) -> str:
    if probability >= LIKELY:
        return "likely"
    if probability >= CANDIDATE:
        return "candidate"
    return ""


def evidence(levels: npt.NDArray[np.int8]) -> dict[str, str]:
    return {name: LEVEL_LABELS[name][int(levels[k])] for k, name in enumerate(FIELDS)}


def agreeing_fields(levels: npt.NDArray[np.int8]) -> list[str]:
    return [name for k, name in enumerate(FIELDS) if int(levels[k]) in AGREEING[name]]


@dataclass
class LinkResult:
    comparison: Comparison
    probability: npt.NDArray[np.float64]
    model: Model
    candidates: int
    skipped_by_blocking: int

    def selected(
        self, threshold: float = CANDIDATE, *, one_to_one: bool = False
    ) -> npt.NDArray[np.intp]:
        """Pairs at or above ``threshold``; with ``one_to_one``, each record in at most one
        pair (the most probable first), for two files that each hold a person once."""
        chosen = np.flatnonzero(self.probability >= threshold)
        if not one_to_one:
            return chosen
        order = chosen[np.argsort(-self.probability[chosen], kind="stable")]
        used_left: set[int] = set()
        used_right: set[int] = set()
        kept = []
        for index, left, right in zip(
            order.tolist(),
            self.comparison.left[order].tolist(),
            self.comparison.right[order].tolist(),
            strict=True,
        ):
            if left in used_left or right in used_right:
                continue
            used_left.add(left)
            used_right.add(right)
            kept.append(index)
        return np.asarray(sorted(kept), dtype=np.intp)


def _frequencies(comparison: Comparison, field: int) -> npt.NDArray[np.float64]:
    """Per pair: how many left records have the same name as the right record, relative to
    the average over the pairs that agree on it (1 = an ordinary name)."""
    same = comparison.levels[:, field] == 1
    counts = np.bincount(comparison.right[same], minlength=int(comparison.right.max(initial=0)) + 1)
    per_pair = np.maximum(counts[comparison.right], 1).astype(np.float64)
    mean = float(per_pair[same].mean()) if same.any() else 1.0
    return per_pair / mean


def link(
    a: EncodingSet,
    b: EncodingSet,
    key: LinkageKey,
    *,
    blocking: Blocking | None = None,
    model: Model | None = None,
    same_set: bool = False,
    term_frequency: bool = False,
) -> LinkResult:
    """Link ``a`` with ``b`` (or ``a`` with itself, for duplicates, with ``same_set``)."""
    for encodings in (a, b):
        if encodings.key_id != key.key_id:
            raise LinkageError(
                f"encodings were made with key {encodings.key_id}, not with key {key.key_id}"
            )
    blocking = blocking or Blocking.for_sizes(len(a), len(b))
    permutations = blocking_permutations(key.derive("childpath-linkage blocking v1"), blocking)
    pairs = candidate_pairs(a, b, permutations, blocking, same_set=same_set)
    comparison = compare(a, b, pairs.left, pairs.right)
    if model is None:
        fitted = fit(
            comparison.levels,
            u=random_u(a, b, key, same_set=same_set),
            expected_matches=min(len(a), len(b)),
        )
    else:
        fitted = model
    frequencies: tuple[npt.NDArray[np.float64] | None, npt.NDArray[np.float64] | None] = (
        None,
        None,
    )
    if term_frequency and len(comparison):
        frequencies = (
            _frequencies(comparison, 0),
            _frequencies(comparison, 1),
        )
    log_ratio = fitted.log_odds(comparison.levels, prior=0.5, frequencies=frequencies)
    probability = one_match_each(comparison, log_ratio, sizes=(len(a), len(b)))
    if model is None:
        # the share of matches among the compared pairs, from the records' side
        fitted = replace(fitted, prior=float(probability.sum()) / max(len(comparison), 1))
    return LinkResult(comparison, probability, fitted, len(comparison), pairs.skipped)


def one_match_each(
    comparison: Comparison,
    log_ratio: npt.NDArray[np.float64],
    *,
    sizes: tuple[int, int],
    iterations: int = 200,
) -> npt.NDArray[np.float64]:
    """Probabilities that know each record is at most one person on the other side.

    Fellegi–Sunter scores each pair alone, so two records of the other file that look
    equally like a child both get a high probability. Here each record ``b`` has its match
    in the other file (of ``n_a`` records) with probability ``rho``, any of them equally
    likely before the evidence; the evidence is the likelihood ratio of the pair (``u``
    from random pairs: against a record drawn at random). Pairs blocking did not propose
    count as unlikely (their ratios are small). Then

        P(a is b's match) = (rho/n_a) LR(a, b) / ((rho/n_a) sum_a' LR(a', b) + 1 - rho)

    over b's candidates, and the same from ``a``'s side; a pair gets the smaller of the
    two. ``rho`` is estimated per side by EM over the records: the mean over all records of
    the probability that the record has a match. Competing candidates share the
    probability, a lone one keeps it.
    """
    if len(comparison) == 0:
        return np.zeros(0, dtype=np.float64)
    ratio = np.exp(np.clip(log_ratio, -700, 300))
    out = np.ones(len(comparison), dtype=np.float64)
    for index, size, other in (
        (comparison.right, sizes[1], sizes[0]),
        (comparison.left, sizes[0], sizes[1]),
    ):
        evidence = np.bincount(index, weights=ratio, minlength=size) / max(other, 1)
        rho = 0.5
        for _ in range(iterations):
            odds = rho * evidence
            estimate = min(max(float((odds / (odds + 1 - rho)).sum()) / max(size, 1), 1e-6), 0.999)
            done = abs(estimate - rho) < 1e-9
            rho = estimate
            if done:
                break
        share = rho / max(other, 1)
        out = np.minimum(out, share * ratio / (rho * evidence[index] + 1 - rho))
    return out


def random_u(
    a: EncodingSet, b: EncodingSet, key: LinkageKey, *, same_set: bool, pairs: int = 400_000
) -> list[list[float]]:
    """Level shares among random pairs: nearly all are different people (u)."""
    seed = int.from_bytes(key.derive("childpath-linkage u sample")[:8], "little")
    rng = np.random.default_rng(seed)
    left = rng.integers(0, len(a), pairs)
    right = rng.integers(0, len(b), pairs)
    if same_set:
        keep = left != right
        left, right = left[keep], right[keep]
    return level_shares(compare(a, b, left.astype(np.intp), right.astype(np.intp)).levels)


@dataclass
class QueryMatch:
    index: int
    probability: float
    levels: npt.NDArray[np.int8]
    swapped_names: bool


# A stored record is compared in full if its names share this much sound (and it is among
# the SCREEN_TOP most similar), or its date agrees.
SCREEN = 0.5
SCREEN_TOP = 2000
_LOW16 = np.uint32(0x00FF00FF)
_SHIFT8 = np.uint32(8)
_SHIFT16 = np.uint32(16)
_MASK16 = np.uint32(0xFFFF)


def _sum_bytes4(counts: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint32]:
    """Row sums of an (n, 4) array of byte counts, as one 32-bit word a row (SWAR)."""
    x = counts.view(np.uint32)[:, 0]
    y = (x & _LOW16) + ((x >> _SHIFT8) & _LOW16)
    summed: npt.NDArray[np.uint32] = (y & _MASK16) + (y >> _SHIFT16)
    return summed


def screen(query: EncodingSet, stored: EncodingSet, *, chunk: int = 4096) -> npt.NDArray[np.intp]:
    """Indices of stored encodings worth comparing with the (single) query, by brute force
    over the packed sound halves of both names (in cache-sized chunks) and the date tokens."""
    half = WORDS // 2
    union, pop_union = stored.sound_union()
    q_sound = query.given[0, half:] | query.family[0, half:]
    q_pop = np.float32(np.bitwise_count(q_sound).sum())
    similarity = np.empty(len(stored), dtype=np.float32)
    both = np.empty((chunk, half), dtype=np.uint64)
    counts = np.empty((chunk, half), dtype=np.uint8)
    for start in range(0, len(stored), chunk):
        stop = min(start + chunk, len(stored))
        n = stop - start
        np.bitwise_and(union[start:stop], q_sound, out=both[:n])
        np.bitwise_count(both[:n], out=counts[:n])
        inter = _sum_bytes4(counts[:n]).astype(np.float32)
        total = pop_union[start:stop] + q_pop
        np.divide(2 * inter, np.maximum(total, 1), out=similarity[start:stop])
    similar = np.flatnonzero(similarity >= SCREEN)
    if len(similar) > SCREEN_TOP:
        top = np.argpartition(-similarity[similar], SCREEN_TOP)[:SCREEN_TOP]
        similar = similar[top]
    same_date = np.zeros(0, dtype=np.intp)
    if query.year[0] != 0:
        same_year = stored.year == query.year[0]
        same_day = stored.monthday == query.monthday[0]
        if query.swapped[0] != 0:
            same_day |= stored.swapped == query.swapped[0]
        same_date = np.flatnonzero(same_year & same_day)
    return np.union1d(similar, same_date).astype(np.intp)


def query(
    encoding: EncodingSet,
    stored: EncodingSet,
    *,
    model: Model | None = None,
    prior: float | None = None,
    frequencies: tuple[npt.NDArray[np.float64] | None, npt.NDArray[np.float64] | None] = (
        None,
        None,
    ),
    threshold: float = CANDIDATE,
    limit: int = 20,
) -> list[QueryMatch]:
    """The stored encodings that may be the queried child, best first.

    ``prior`` is the probability that a given stored record is the child before looking at
    the evidence (by default one in the number of stored records); ``frequencies`` are the
    shares of stored records with each stored record's given and family name.
    """
    if len(encoding) != 1:
        raise LinkageError("a query is one encoding")
    if encoding.key_id != stored.key_id:
        raise LinkageError(
            f"the query was made with key {encoding.key_id}, the stored encodings with "
            f"key {stored.key_id}"
        )
    if len(stored) == 0:
        return []
    model = model or default_model()
    candidates = screen(encoding, stored)
    if len(candidates) == 0:
        return []
    comparison = compare(encoding, stored, np.zeros(len(candidates), dtype=np.intp), candidates)
    tf = tuple(None if f is None else f[candidates] for f in frequencies)
    probability = model.probability(
        comparison.levels,
        prior=prior if prior is not None else 1.0 / max(len(stored), 1),
        frequencies=(tf[0], tf[1]),
    )
    order = np.argsort(-probability, kind="stable")[:limit]
    return [
        QueryMatch(
            index=int(candidates[i]),
            probability=float(probability[i]),
            levels=comparison.levels[i],
            swapped_names=bool(comparison.swapped_names[i]),
        )
        for i in order
        if probability[i] >= threshold
    ]

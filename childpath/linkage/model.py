"""Fellegi–Sunter weights with m estimated by EM without labels, and match probabilities.

For each field and agreement level the model holds ``m`` (the probability of that level
between two records of the same person) and ``u`` (between two different people, measured
on random pairs). EM estimates ``m`` from the agreement patterns alone: no labelled pair is
needed. The level weights log m/u are then made monotone (pool-adjacent-violators, weighted
by counts), so that more agreement never lowers a score. A pair's probability is
``sigmoid(logit(prior) + sum of weights)``; in a link, ``link.one_match_each`` turns the
weights into probabilities that know each record is one person (and estimates how many
records have a match), which the benchmark calibrates.

Term frequency: agreeing exactly on a rare name is stronger evidence than agreeing on a
common one. When the frequency ``f`` of the agreeing name among the other party's records is
known, the "same" level uses ``u = f`` instead of the average (never below the weight of the
next level, so the score stays monotone).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from .compare import FIELDS, LEVELS

CANDIDATE = 0.5  # "candidate": worth a person's look
LIKELY = 0.95  # "likely": probably the same child
FLOOR = 1e-6
SMALL = 1000  # fewer compared pairs than this: no estimation


@dataclass
class Model:
    m: list[list[float]]
    u: list[list[float]]
    prior: float
    iterations: int = 0
    converged: bool = False
    pairs: int = 0
    weights: list[list[float]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.weights:
            self.weights = monotone_weights(self.m, self.u, None)

    def to_json(self) -> str:
        return json.dumps(
            {
                "m": self.m,
                "u": self.u,
                "prior": self.prior,
                "weights": self.weights,
                "iterations": self.iterations,
                "converged": self.converged,
                "pairs": self.pairs,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> Model:
        data = json.loads(text)
        return cls(
            m=data["m"],
            u=data["u"],
            prior=float(data["prior"]),
            iterations=int(data.get("iterations", 0)),
            converged=bool(data.get("converged", False)),
            pairs=int(data.get("pairs", 0)),
            weights=data.get("weights") or [],
        )

    def log_odds(
        self,
        levels: npt.NDArray[np.int8],
        *,
        prior: float | None = None,
        frequencies: tuple[npt.NDArray[np.float64] | None, npt.NDArray[np.float64] | None] = (
            None,
            None,
        ),
    ) -> npt.NDArray[np.float64]:
        """Log-odds of a match; ``frequencies`` are, per pair, the share of records with the
        name that agrees, divided by the average share (1 = an ordinary name)."""
        p = self.prior if prior is None else prior
        p = min(max(p, 1e-12), 1 - 1e-12)
        total = np.full(len(levels), math.log(p / (1 - p)))
        for k in range(len(FIELDS)):
            table = np.asarray(self.weights[k])
            total += table[levels[:, k]]
        for k, freq in enumerate(frequencies):
            if freq is None:
                continue
            same = levels[:, k] == 1
            # rarer than average: stronger evidence; more common: weaker, never below the
            # weight of the next level, so the score stays monotone.
            shift = -np.log(np.clip(freq, 1e-3, 1e3))
            lowest = self.weights[k][2] - self.weights[k][1]
            total[same] += np.clip(shift, lowest, 3.0)[same]
        return total

    def probability(
        self,
        levels: npt.NDArray[np.int8],
        *,
        prior: float | None = None,
        frequencies: tuple[npt.NDArray[np.float64] | None, npt.NDArray[np.float64] | None] = (
            None,
            None,
        ),
    ) -> npt.NDArray[np.float64]:
        odds = self.log_odds(levels, prior=prior, frequencies=frequencies)
        return 1.0 / (1.0 + np.exp(-np.clip(odds, -700, 700)))


def _pav(values: list[float], weights: list[float]) -> list[float]:
    """Pool adjacent violators: the closest non-increasing sequence."""
    blocks: list[list[float]] = []  # value, weight, count
    for value, weight in zip(values, weights, strict=True):
        blocks.append([value, max(weight, 1e-9), 1])
        while len(blocks) > 1 and blocks[-2][0] < blocks[-1][0]:
            v2, w2, n2 = blocks.pop()
            v1, w1, n1 = blocks.pop()
            blocks.append([(v1 * w1 + v2 * w2) / (w1 + w2), w1 + w2, n1 + n2])
    out: list[float] = []
    for value, _weight, count in blocks:
        out.extend([value] * int(count))
    return out


def monotone_weights(
    m: list[list[float]], u: list[list[float]], counts: list[list[float]] | None
) -> list[list[float]]:
    """log(m/u) per level, level 0 (unknown) neutral, non-increasing from level 1 on."""
    weights = []
    for k in range(len(FIELDS)):
        raw = [math.log(max(m[k][lv], FLOOR) / max(u[k][lv], FLOOR)) for lv in range(LEVELS[k])]
        support = counts[k][1:] if counts else [1.0] * (LEVELS[k] - 1)
        weights.append([0.0, *_pav(raw[1:], support)])
    return weights


def default_model() -> Model:
    """Starting values for EM (and a usable model before any fit)."""
    m = [
        [0.0, 0.5, 0.2, 0.1, 0.1, 0.05, 0.05],
        [0.0, 0.5, 0.2, 0.1, 0.1, 0.05, 0.05],
        [0.0, 0.6, 0.05, 0.05, 0.15, 0.1, 0.03, 0.02],
        [0.0, 0.97, 0.03],
    ]
    u = [
        [0.0, 0.02, 0.01, 0.02, 0.05, 0.1, 0.8],
        [0.0, 0.01, 0.005, 0.01, 0.03, 0.08, 0.865],
        [0.0, 0.002, 0.001, 0.002, 0.01, 0.03, 0.05, 0.905],
        [0.0, 0.5, 0.5],
    ]
    return Model(m=m, u=u, prior=0.01)


def level_shares(levels: npt.NDArray[np.int8]) -> list[list[float]]:
    """Share of each level per field among known values (u from random pairs)."""
    shares = []
    for k in range(len(FIELDS)):
        counts = np.bincount(levels[:, k], minlength=LEVELS[k]).astype(np.float64)
        counts[0] = 0.0
        counts += 0.5  # no level is impossible
        counts[0] = 0.0
        shares.append((counts / counts.sum()).tolist())
    return shares


def unique_patterns(
    levels: npt.NDArray[np.int8],
) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.intp]]:
    """The distinct rows of ``levels`` and how often each occurs (fast: rows as integers)."""
    codes = np.zeros(len(levels), dtype=np.int64)
    for k in range(levels.shape[1]):
        codes = codes * 16 + levels[:, k]
    unique, counts = np.unique(codes, return_counts=True)
    patterns = np.empty((len(unique), levels.shape[1]), dtype=np.int8)
    rest = unique.copy()
    for k in reversed(range(levels.shape[1])):
        patterns[:, k] = rest % 16
        rest //= 16
    return patterns, counts


def _em(
    patterns: npt.NDArray[np.int8],
    counts: npt.NDArray[np.float64],
    m: list[npt.NDArray[np.float64]],
    u: list[npt.NDArray[np.float64]],
    prior: float,
    fields: tuple[int, ...],
    *,
    update_m: bool,
    update_u: bool = False,
    max_iterations: int,
    tolerance: float,
) -> tuple[float, int, bool]:
    """EM with u fixed; updates m of ``fields`` in place (if asked) and returns the prior."""
    for iteration in range(1, max_iterations + 1):
        odds = np.full(len(patterns), math.log(prior / (1 - prior)))
        for k in fields:
            known = patterns[:, k] > 0
            odds[known] += np.log(np.maximum(m[k][patterns[known, k]], FLOOR))
            odds[known] -= np.log(np.maximum(u[k][patterns[known, k]], FLOOR))
        posterior = 1.0 / (1.0 + np.exp(-np.clip(odds, -700, 700)))
        matched = counts * posterior
        new_prior = min(max(float(matched.sum() / counts.sum()), 1e-9), 1 - 1e-9)
        change = abs(new_prior - prior)
        prior = new_prior
        if update_m:
            for k in fields:
                m_new = np.full(LEVELS[k], 1e-9)
                np.add.at(m_new, patterns[:, k], matched)
                m_new[0] = 0.0
                m_new /= max(m_new.sum(), 1e-12)
                change = max(change, float(np.abs(m_new - m[k]).max()))
                m[k] = m_new
        if update_u:
            unmatched = counts - matched
            for k in fields:
                u_new = np.full(LEVELS[k], 1e-9)
                np.add.at(u_new, patterns[:, k], unmatched)
                u_new[0] = 0.0
                u_new /= max(u_new.sum(), 1e-12)
                change = max(change, float(np.abs(u_new - u[k]).max()))
                u[k] = u_new
        if change < tolerance:
            return prior, iteration, True
    return prior, max_iterations, False


def fit(
    levels: npt.NDArray[np.int8],
    *,
    u: list[list[float]],
    start: Model | None = None,
    expected_matches: float | None = None,
    max_iterations: int = 300,
    tolerance: float = 1e-7,
) -> Model:
    """Estimate m by EM, in sessions, as splink does; ``u`` comes from random pairs.

    ``u`` from random pairs (nearly all of them different people) is what the weights use:
    the evidence a pair's agreement gives against "two people drawn at random". Plain EM
    over pairs found by blocking on names tends to learn "people with a common name"
    instead of "the same person"; so ``m`` of the names and sex is estimated among pairs
    that share an exact date of birth (where names of different people are independent),
    and ``m`` of the date among pairs with the same names. Then, with ``m`` and ``u`` fixed,
    EM estimates the share of matches among the pairs (the prior). That share holds only
    where ``u`` describes the compared non-matches (no blocking): blocking chose the pairs
    for similar names, so ``link`` estimates the number of matches per record instead
    (``one_match_each``) and keeps only the weights from here.

    (Re-estimating ``u`` among the blocked pairs, as an earlier version did, made EM take a
    good share of the true matches for "namesakes": at 100,000 × 100,000 it found 10,000 of
    72,600 matches and the best F1 fell to 0.68; see BENCHMARKS.md.)
    """
    model = start or default_model()
    if len(levels) < SMALL:
        # Too few pairs to estimate anything: the starting m, u from random pairs, and as
        # many matches as the smaller file could hold (at most half the pairs).
        prior = (
            0.5 if expected_matches is None else min(0.5, expected_matches / max(len(levels), 1))
        )
        return Model(m=model.m, u=u, prior=prior, pairs=len(levels))
    m = [np.asarray(row, dtype=np.float64) for row in model.m]
    u_arrays = [np.asarray(row, dtype=np.float64) for row in u]
    total_iterations = 0
    converged = True
    sessions = (
        (levels[:, 2] == 1, (0, 1, 3)),
        ((levels[:, 0] == 1) & (levels[:, 1] == 1), (2,)),
    )
    for selection, fields in sessions:
        chosen = levels[selection]
        if len(chosen) < 50:
            continue
        patterns, counts_int = unique_patterns(chosen)
        _prior, iterations, done = _em(
            patterns,
            counts_int.astype(np.float64),
            m,
            u_arrays,
            0.5,
            fields,
            update_m=True,
            max_iterations=max_iterations,
            tolerance=tolerance,
        )
        total_iterations += iterations
        converged &= done
    patterns, counts_int = unique_patterns(levels)
    counts = counts_int.astype(np.float64)
    prior, iterations, done = _em(
        patterns,
        counts,
        m,
        u_arrays,
        model.prior,
        tuple(range(len(FIELDS))),
        update_m=False,
        max_iterations=max_iterations,
        tolerance=tolerance,
    )
    level_counts = []
    for k in range(len(FIELDS)):
        per_level = np.zeros(LEVELS[k])
        np.add.at(per_level, patterns[:, k], counts)
        level_counts.append(per_level.tolist())
    m_list = [row.tolist() for row in m]
    u_list = [row.tolist() for row in u_arrays]
    return Model(
        m=m_list,
        u=u_list,
        prior=prior,
        iterations=total_iterations + iterations,
        converged=converged and done,
        pairs=int(counts.sum()),
        weights=monotone_weights(m_list, u_list, level_counts),
    )

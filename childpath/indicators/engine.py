"""The decision engine: one screening in, one explained result out. Pure, no Django.

The rule is written out for humans, with its legal basis, in ``RULES.md`` next to this module.
In short:

1. Each observation counts with a strength: ``observed`` and ``reported`` at the indicator's
   strength; ``suspected`` one step lower (strong -> medium -> weak -> a concern only);
   ``not_observed`` and ``unknown`` not at all. ``unknown`` is reported as "not yet known".
2. A dimension is positive (ILO/EC 2009) with 2 strong; 1 strong + 1 medium or weak; 3 medium;
   or 2 medium + 1 weak.
3. Recruitment (the act) = any recruitment dimension positive. Means = coercion or abuse of
   vulnerability at destination positive.
4. Adult rule: presumed victim = recruitment and exploitative conditions and means.
   Child rule (age at exploitation under 18, age uncertain, or age unknown): means not required
   (Palermo art. 3(c)); presumed victim = exploitative conditions and (recruitment or means or one
   strong indicator in any trafficking dimension).
5. Otherwise at risk if anything counts at all (a risk factor, a trafficking indicator below a
   threshold, or a suspected weak indicator); otherwise no indication.

The signature is keyword-only without ``**kwargs``: there is deliberately no way to pass
consent, a return to the exploiter, a criminal record, late disclosure or refusal to cooperate
(DESIGN.md rule 5, "no perfect victim").
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final, Literal, NamedTuple

from childpath.indicators.catalogue import (
    AT_RISK_DIMENSION,
    DIMENSIONS,
    STRENGTHS,
    TRAFFICKING_DIMENSIONS,
    Catalogue,
)

Result = Literal["presumed_victim", "at_risk", "no_indication"]
Rule = Literal["child", "adult"]

# Order of results for "never lowers" (used by the properties and by callers comparing results).
RESULT_ORDER: Final[Mapping[str, int]] = MappingProxyType(
    {"no_indication": 0, "at_risk": 1, "presumed_victim": 2}
)

STATUSES: Final[tuple[str, ...]] = ("observed", "reported", "suspected", "not_observed", "unknown")

RECRUITMENT_DIMENSIONS: Final[tuple[str, ...]] = (
    "deceptive_recruitment",
    "coercive_recruitment",
    "recruitment_abuse_of_vulnerability",
)
EXPLOITATION_DIMENSION: Final = "exploitative_conditions"
MEANS_DIMENSIONS: Final[tuple[str, ...]] = (
    "coercion_at_destination",
    "abuse_of_vulnerability_at_destination",
)

MIN_AGE: Final = 0
MAX_AGE: Final = 120
ADULT_AGE: Final = 18  # Palermo art. 3(d): a child is any person under eighteen.

# Strength as a rank: 3 strong, 2 medium, 1 weak, 0 "concern" (a suspected weak indicator).
_RANK: Final[Mapping[str, int]] = MappingProxyType({"strong": 3, "medium": 2, "weak": 1})
_RANK_NAME: Final[Mapping[int, str]] = MappingProxyType(
    {3: "strong", 2: "medium", 1: "weak", 0: "concern"}
)
# How many steps a status lowers the strength; None: the observation does not count.
# Private lookup tables are plain dicts: a mappingproxy lookup costs noticeably more per call.
_STATUS_SHIFT: Final[dict[str, int | None]] = {
    "observed": 0,
    "reported": 0,
    "suspected": 1,
    "not_observed": None,
    "unknown": None,
}


_STATUS_SET: Final = frozenset(STATUSES)


# --------------------------------------------------------------------------------------------
# Errors


class EvaluationError(ValueError):
    """The screening input is invalid; nothing was evaluated."""


class UnknownIndicator(EvaluationError):
    """Observations name indicator ids that the catalogue does not have."""

    def __init__(self, ids: list[str]) -> None:
        self.ids = sorted(ids)
        super().__init__(f"unknown indicator ids: {', '.join(self.ids)}")


class InvalidStatus(EvaluationError):
    """Observations use a status other than the five known ones."""

    def __init__(self, invalid: Mapping[str, object]) -> None:
        self.invalid = dict(sorted(invalid.items()))
        shown = ", ".join(f"{k}={v!r}" for k, v in self.invalid.items())
        super().__init__(f"invalid observation status ({shown}); allowed: {', '.join(STATUSES)}")


class InvalidAge(EvaluationError):
    """The age at exploitation is not an integer from 0 to 120, or age_uncertain is not a bool."""


# --------------------------------------------------------------------------------------------
# Result data. The parts of an Evaluation are NamedTuples: immutable like the frozen Evaluation,
# and several times cheaper to build, which keeps the engine fast (about a dozen per call).


class DimensionResult(NamedTuple):
    """One dimension: whether it is positive, and which indicators counted or are not yet known.

    ``indicators``: ids that counted toward the threshold, in catalogue order.
    ``strength_counts``: how many counted at each strength, after lowering suspected ones.
    ``unknown``: ids marked "unknown" (not yet known; never read as absent).
    ``concerns``: suspected weak ids: no strength toward the threshold, but a concern that
    gives at least "at_risk".
    """

    positive: bool
    indicators: tuple[str, ...]
    strength_counts: Mapping[str, int]
    unknown: tuple[str, ...]
    concerns: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "positive": self.positive,
            "indicators": list(self.indicators),
            "strength_counts": dict(self.strength_counts),
            "unknown": list(self.unknown),
            "concerns": list(self.concerns),
        }


class Reason(NamedTuple):
    """A structured reason: a stable ``code`` and its parameters, for the web layer to translate."""

    code: str
    params: Mapping[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, **{k: _plain(v) for k, v in self.params.items()}}


class MissingElement(NamedTuple):
    """An element of the rule not yet established: any one of ``dimensions`` would meet it.

    ``unknown`` lists the indicators of those dimensions still marked unknown: finding them out is
    the next step. ``or_strong_indicator`` is true for the child rule's element that one strong
    indicator in any trafficking dimension would also meet.
    """

    element: str
    dimensions: tuple[str, ...]
    unknown: tuple[str, ...]
    or_strong_indicator: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "element": self.element,
            "dimensions": list(self.dimensions),
            "unknown": list(self.unknown),
            "or_strong_indicator": self.or_strong_indicator,
        }


class ExtensionFinding(NamedTuple):
    """A country-extension indicator that counted; reported beside the core result only."""

    id: str
    dimension: str
    status: str
    counted_as: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "dimension": self.dimension,
            "status": self.status,
            "counted_as": self.counted_as,
        }


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The engine's result and its explanation. ``as_dict()`` gives JSON-ready data."""

    result: Result
    rule: Rule
    rule_basis: str
    rule_reason: str
    catalogue_version: str
    dimensions: Mapping[str, DimensionResult]
    reasons: tuple[Reason, ...]
    missing: tuple[str, ...]
    missing_elements: tuple[MissingElement, ...]
    unknown: tuple[str, ...]
    extensions: tuple[ExtensionFinding, ...]
    extension_country: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "result": self.result,
            "rule": self.rule,
            "rule_basis": self.rule_basis,
            "rule_reason": self.rule_reason,
            "catalogue_version": self.catalogue_version,
            "dimensions": {d: r.as_dict() for d, r in self.dimensions.items()},
            "reasons": [r.as_dict() for r in self.reasons],
            "missing": list(self.missing),
            "missing_elements": [m.as_dict() for m in self.missing_elements],
            "unknown": list(self.unknown),
            "extensions": [e.as_dict() for e in self.extensions],
            "extension_country": self.extension_country,
        }


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


# --------------------------------------------------------------------------------------------
# The catalogue, pre-indexed once per loaded catalogue for speed.


@dataclass(frozen=True, slots=True)
class _Index:
    ids: frozenset[str]
    # core id -> (dimension number in DIMENSIONS, strength rank, catalogue position)
    core: dict[str, tuple[int, int, int]]
    # extension id -> (dimension, strength rank, catalogue position)
    extension: dict[str, tuple[str, int, int]]


@functools.lru_cache(maxsize=16)
def _index(catalogue: Catalogue) -> _Index:
    # Catalogue hashes by identity (eq=False), so each loaded catalogue is indexed once.
    number = {d: n for n, d in enumerate(DIMENSIONS)}
    core: dict[str, tuple[int, int, int]] = {}
    extension: dict[str, tuple[str, int, int]] = {}
    for position, i in enumerate(catalogue.indicators):
        if i.extension:
            extension[i.id] = (i.dimension, _RANK[i.strength], position)
        else:
            core[i.id] = (number[i.dimension], _RANK[i.strength], position)
    return _Index(frozenset(catalogue.by_id), core, extension)


# --------------------------------------------------------------------------------------------
# The rule


def dimension_positive(strong: int, medium: int, weak: int) -> bool:
    """ILO/EC 2009: 2 strong; or 1 strong + 1 medium or weak; or 3 medium; or 2 medium + 1 weak.

    Monotone: more indicators, or stronger ones, never turn a positive dimension negative.
    """
    return (
        strong >= 2
        or (strong >= 1 and medium + weak >= 1)
        or medium >= 3
        or (medium >= 2 and weak >= 1)
    )


def evaluate(
    catalogue: Catalogue,
    *,
    observations: Mapping[str, str],
    age_at_exploitation: int | None,
    age_uncertain: bool,
) -> Evaluation:
    """Evaluate one screening under the harmonised rule (see RULES.md).

    ``observations`` maps indicator ids to a status (observed, reported, suspected,
    not_observed, unknown); ids left out are simply not assessed. ``age_at_exploitation`` is the
    age when the exploitation happened (not the age today), or None when unknown.
    ``age_uncertain`` is true while the age is disputed or not assessed; the child rule then
    applies whatever age is given (CETS 197 art. 10(3); Directive 2011/36/EU art. 13(2)).

    Deterministic and independent of the order of ``observations``: everything is read in
    catalogue order. Raises UnknownIndicator, InvalidStatus or InvalidAge (all EvaluationError,
    a ValueError).
    """
    _check_age(age_at_exploitation, age_uncertain)
    index = _index(catalogue)
    _check_observations(observations, index)

    # One pass over the observations, then each dimension is summarised. Lists are sorted by
    # catalogue position, so the result does not depend on the order of the observations.
    counted: list[list[tuple[int, str, int]]] = [[] for _ in DIMENSIONS]
    unknown: list[list[tuple[int, str]]] = [[] for _ in DIMENSIONS]
    extension: list[tuple[int, ExtensionFinding]] = []
    core = index.core
    for ident, status in observations.items():
        if status == "not_observed":  # the common answer; it never counts
            continue
        shift = _STATUS_SHIFT[status]
        meta = core.get(ident)
        if meta is None:
            if shift is not None:
                extension.append(_extension_finding(index, ident, status, shift))
        elif shift is not None:
            counted[meta[0]].append((meta[2], ident, meta[1] - shift))
        elif status == "unknown":
            unknown[meta[0]].append((meta[2], ident))

    dimensions: dict[str, DimensionResult] = {}
    strong: list[tuple[int, str]] = []
    for number, dimension in enumerate(DIMENSIONS):
        if counted[number] or unknown[number]:
            dimensions[dimension] = _dimension(dimension, counted[number], unknown[number])
            if dimension != AT_RISK_DIMENSION:
                strong.extend((p, i) for p, i, rank in counted[number] if rank == 3)
        else:
            dimensions[dimension] = _EMPTY
    strong.sort()
    strong_ids = tuple(i for _, i in strong)

    rule, basis, rule_reason = _rule(age_at_exploitation, age_uncertain)
    result_, reasons = _decide(rule, dimensions, strong_ids)
    reasons.insert(0, _rule_reason_entry(basis, age_at_exploitation))
    elements = _missing_elements(rule, result_, dimensions, bool(strong_ids))
    return Evaluation(
        result=result_,
        rule=rule,
        rule_basis=basis,
        rule_reason=rule_reason,
        catalogue_version=catalogue.version,
        dimensions=MappingProxyType(dimensions),
        reasons=tuple(reasons),
        missing=_flatten(elements),
        missing_elements=elements,
        unknown=tuple(i for d in dimensions.values() for i in d.unknown),
        extensions=tuple(f for _, f in sorted(extension, key=_first)),
        extension_country=catalogue.country,
    )


def _check_age(age: int | None, age_uncertain: bool) -> None:
    if not isinstance(age_uncertain, bool):
        raise InvalidAge(f"age_uncertain must be True or False, not {age_uncertain!r}")
    if age is None:
        return
    # bool is an int in Python; True is not an age.
    if isinstance(age, bool) or not isinstance(age, int):
        raise InvalidAge(f"age_at_exploitation must be a whole number or None, not {age!r}")
    if not MIN_AGE <= age <= MAX_AGE:
        raise InvalidAge(f"age_at_exploitation must be from {MIN_AGE} to {MAX_AGE}, not {age}")


def _check_observations(observations: Mapping[str, str], index: _Index) -> None:
    unknown_ids = [str(i) for i in observations.keys() - index.ids]
    if unknown_ids:
        raise UnknownIndicator(unknown_ids)
    try:
        all_valid = _STATUS_SET.issuperset(observations.values())
    except TypeError:  # an unhashable status
        all_valid = False
    if not all_valid:
        invalid = {i: s for i, s in observations.items() if not _valid_status(s)}
        raise InvalidStatus(invalid)


def _valid_status(status: object) -> bool:
    return isinstance(status, str) and status in _STATUS_SET


def _dimension(
    dimension: str, counted: list[tuple[int, str, int]], unknown: list[tuple[int, str]]
) -> DimensionResult:
    """Summarise one dimension from its (position, id, effective rank) observations.

    Observed and reported count at full strength; suspected one step lower, so a suspected weak
    indicator (rank 0) has no strength left and is kept as a concern only.
    """
    unknown.sort()
    if not counted:
        return DimensionResult(False, (), _ZERO_COUNTS, tuple([i for _, i in unknown]), ())
    counted.sort()
    counts = [0, 0, 0, 0]  # by effective rank: concern, weak, medium, strong
    for _, _, rank in counted:
        counts[rank] += 1
    if dimension == AT_RISK_DIMENSION:
        # Risk factors are not an ILO dimension: any one that counts makes it positive.
        positive = bool(counted)
    else:
        positive = dimension_positive(counts[3], counts[2], counts[1])
    return DimensionResult(
        positive=positive,
        indicators=tuple([i for _, i, rank in counted if rank]),
        strength_counts=_strength_counts(counts[3], counts[2], counts[1]),
        unknown=tuple([i for _, i in unknown]),
        concerns=tuple([i for _, i, rank in counted if not rank]),
    )


@functools.lru_cache(maxsize=512)
def _strength_counts(strong: int, medium: int, weak: int) -> Mapping[str, int]:
    # Immutable, so equal counts can share one mapping.
    return MappingProxyType({"strong": strong, "medium": medium, "weak": weak})


_ZERO_COUNTS: Final = _strength_counts(0, 0, 0)
# A dimension with nothing observed and nothing unknown: shared, since results are immutable.
_EMPTY: Final = DimensionResult(False, (), _ZERO_COUNTS, (), ())


def _extension_finding(
    index: _Index, ident: str, status: str, shift: int
) -> tuple[int, ExtensionFinding]:
    # DESIGN.md rule 7: country indicators are reported beside the core result, never in it.
    dimension, rank, position = index.extension[ident]
    return position, ExtensionFinding(ident, dimension, status, _RANK_NAME[rank - shift])


def _first(pair: tuple[int, ExtensionFinding]) -> int:
    return pair[0]


def _rule(age: int | None, age_uncertain: bool) -> tuple[Rule, str, str]:
    """Which rule applies, its machine basis and a human reason.

    The age that counts is the age at the time of the exploitation (DESIGN.md rule 4). When age
    is uncertain or unknown the person is presumed to be a child (CETS 197 art. 10(3);
    Directive 2011/36/EU art. 13(2)).
    """
    if age_uncertain:
        return "child", "age_uncertain", "age uncertain: presumption of minority"
    if age is None:
        return "child", "age_unknown", "age unknown: presumption of minority"
    if age < ADULT_AGE:
        return "child", "age_under_18", f"age at exploitation {age}"
    return "adult", "age_18_or_over", f"age at exploitation {age}"


def _rule_reason_entry(basis: str, age: int | None) -> Reason:
    params: dict[str, Any] = {"basis": basis}
    if age is not None:
        params["age_at_exploitation"] = age
    return Reason("rule_applied", MappingProxyType(params))


def _decide(
    rule: Rule, dims: Mapping[str, DimensionResult], strong: tuple[str, ...]
) -> tuple[Result, list[Reason]]:
    reasons = [
        _reason("dimension_positive", dimension=d, indicators=dims[d].indicators)
        for d in TRAFFICKING_DIMENSIONS
        if dims[d].positive
    ]
    recruitment = [d for d in RECRUITMENT_DIMENSIONS if dims[d].positive]
    means = [d for d in MEANS_DIMENSIONS if dims[d].positive]
    exploitation = dims[EXPLOITATION_DIMENSION].positive

    if rule == "adult":
        presumed = bool(recruitment) and exploitation and bool(means)
    else:
        # Palermo art. 3(c): for a child the means are not required; the lower threshold lets
        # one strong indicator stand in for the act of recruitment, transfer or harbouring.
        presumed = exploitation and bool(recruitment or means or strong)

    if presumed:
        reasons.extend(_presumed_reasons(rule, recruitment, means, strong))
        return "presumed_victim", reasons

    # Low threshold (DESIGN.md rule 2): anything that counts at all gives at least "at_risk".
    risk = dims[AT_RISK_DIMENSION].indicators
    below = tuple(i for d in TRAFFICKING_DIMENSIONS for i in dims[d].indicators)
    concerns = tuple(i for d in DIMENSIONS for i in dims[d].concerns)
    if risk:
        reasons.append(_reason("risk_factors", indicators=risk))
    if below:
        reasons.append(_reason("trafficking_indicators_present", indicators=below))
    if concerns:
        reasons.append(_reason("suspected_concerns", indicators=concerns))
    if risk or below or concerns:
        return "at_risk", reasons
    reasons.append(_reason("nothing_counted"))
    return "no_indication", reasons


def _presumed_reasons(
    rule: Rule, recruitment: list[str], means: list[str], strong: tuple[str, ...]
) -> list[Reason]:
    reasons = [_reason("exploitation_established")]
    if recruitment:
        reasons.append(_reason("recruitment_established", dimensions=tuple(recruitment)))
    if means:
        reasons.append(_reason("means_established", dimensions=tuple(means)))
    if rule == "child":
        if not means:
            reasons.append(_reason("child_rule_means_not_required"))
        if not recruitment and not means:
            reasons.append(_reason("child_rule_strong_indicator", indicators=strong))
    return reasons


def _reason(code: str, **params: Any) -> Reason:
    return Reason(code, MappingProxyType(params))


def _missing_elements(
    rule: Rule, result: Result, dims: Mapping[str, DimensionResult], any_strong: bool
) -> tuple[MissingElement, ...]:
    """The elements of the rule still to be established for "presumed_victim", if any.

    Elements are all required; within one element any listed dimension suffices.
    """
    if result == "presumed_victim":
        return ()

    def element(name: str, dimensions: tuple[str, ...], strong: bool = False) -> MissingElement:
        unknown = tuple(i for d in dimensions for i in dims[d].unknown)
        return MissingElement(name, dimensions, unknown, strong)

    recruitment = any(dims[d].positive for d in RECRUITMENT_DIMENSIONS)
    means = any(dims[d].positive for d in MEANS_DIMENSIONS)
    exploitation = dims[EXPLOITATION_DIMENSION].positive
    missing: list[MissingElement] = []
    if rule == "adult":
        if not recruitment:
            missing.append(element("recruitment", RECRUITMENT_DIMENSIONS))
        if not exploitation:
            missing.append(element("exploitation", (EXPLOITATION_DIMENSION,)))
        if not means:
            missing.append(element("means", MEANS_DIMENSIONS))
        return tuple(missing)
    if not exploitation:
        missing.append(element("exploitation", (EXPLOITATION_DIMENSION,)))
    if not (recruitment or means or any_strong):
        both = RECRUITMENT_DIMENSIONS + MEANS_DIMENSIONS
        missing.append(element("recruitment_or_means", both, strong=True))
    return tuple(missing)


def _flatten(elements: tuple[MissingElement, ...]) -> tuple[str, ...]:
    wanted = {d for e in elements for d in e.dimensions}
    return tuple(d for d in TRAFFICKING_DIMENSIONS if d in wanted)


__all__ = [
    "RESULT_ORDER",
    "STATUSES",
    "STRENGTHS",
    "DimensionResult",
    "Evaluation",
    "EvaluationError",
    "ExtensionFinding",
    "InvalidAge",
    "InvalidStatus",
    "MissingElement",
    "Reason",
    "UnknownIndicator",
    "dimension_positive",
    "evaluate",
]

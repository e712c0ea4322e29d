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
from collections.abc import Callable, Mapping
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
# Observed (seen) and reported (told) count at the indicator's full strength; suspected one step
# lower; not_observed and unknown not at all.
_FULL_STRENGTH: Final = frozenset({"observed", "reported"})
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
# The catalogue, pre-indexed once per loaded catalogue.
#
# Speed matters (issue 3: at least 20,000 screenings per second on one core). evaluate() does not
# sort anything: it reads the observations dimension by dimension, in catalogue order, through the
# tuples prepared here, so every list it builds is already in the order the result reports.


class _Dimension(NamedTuple):
    name: str
    trafficking: bool  # one of the six ILO/EC dimensions (not the product's "at_risk")
    # Its core indicators in catalogue order: (id, rank if observed or reported, rank if
    # suspected), with rank 3 strong, 2 medium, 1 weak and 0 a concern only.
    entries: tuple[tuple[str, int, int], ...]


@dataclass(frozen=True, slots=True)
class _Index:
    ids: frozenset[str]
    dimensions: tuple[_Dimension, ...]  # in DIMENSIONS order
    # Strong core indicators of the trafficking dimensions, in catalogue order.
    strong: tuple[str, ...]
    # Extension indicators in catalogue order: (id, dimension, rank).
    extension: tuple[tuple[str, str, int], ...]


@functools.lru_cache(maxsize=16)
def _index(catalogue: Catalogue) -> _Index:
    # Catalogue hashes by identity (eq=False), so each loaded catalogue is indexed once.
    core = catalogue.core_indicators
    dimensions = tuple(
        _Dimension(
            name=d,
            trafficking=d != AT_RISK_DIMENSION,
            entries=tuple(
                (i.id, _RANK[i.strength], _RANK[i.strength] - 1) for i in core if i.dimension == d
            ),
        )
        for d in DIMENSIONS
    )
    strong = tuple(
        i.id for i in core if i.strength == "strong" and i.dimension != AT_RISK_DIMENSION
    )
    extension = tuple(
        (i.id, i.dimension, _RANK[i.strength]) for i in catalogue.extension_indicators
    )
    return _Index(frozenset(catalogue.by_id), dimensions, strong, extension)


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
    get = observations.get

    # The hot loop: one pass over the catalogue, one dimension at a time. Statuses are valid
    # here, so anything not "suspected" or "unknown" that gets past the first test counts at
    # full strength (observed and reported are worth the same).
    dimensions: dict[str, DimensionResult] = {}
    # Gathered on the way, in DIMENSIONS order, so the decision needs no second pass.
    positive: list[str] = []  # positive trafficking dimensions
    below: list[str] = []  # ids that count in a trafficking dimension
    all_concerns: list[str] = []
    unknown_ids: list[str] = []
    risk: tuple[str, ...] = ()
    any_strong = False
    for dimension, trafficking, entries in index.dimensions:
        # The hot loop. Plain bytecode on local lists is as fast as it gets here: vectorising
        # with map/compress/list.count was measured slower for ten or so indicators a dimension.
        indicators: list[str] = []
        concerns: list[str] = []
        unknown: list[str] = []
        counts = [0, 0, 0, 0]  # by effective rank: concern, weak, medium, strong
        for ident, rank, suspected_rank in entries:
            status = get(ident)
            if status is None or status == "not_observed":  # the common answer: never counts
                continue
            if status == "unknown":
                unknown.append(ident)
                continue
            if status == "suspected":
                # One step lower; a suspected weak indicator (rank 0) is a concern only.
                rank = suspected_rank
            # Otherwise observed or reported (statuses are checked above): full strength.
            counts[rank] += 1
            if rank:
                indicators.append(ident)
            else:
                concerns.append(ident)

        if unknown:
            unknown_ids.extend(unknown)
        if not indicators and not concerns:
            if unknown:
                dimensions[dimension] = DimensionResult(False, (), _ZERO_COUNTS, tuple(unknown), ())
            else:
                # Nothing observed, nothing unknown: one shared value (results are immutable).
                dimensions[dimension] = _EMPTY
            continue

        counted = tuple(indicators)
        strong, medium, weak = counts[3], counts[2], counts[1]
        if trafficking:
            is_positive = dimension_positive(strong, medium, weak)
            if is_positive:
                positive.append(dimension)
            any_strong = any_strong or strong > 0
            below.extend(counted)
        else:
            # Risk factors are not an ILO dimension: any one that counts (a concern included)
            # makes it positive.
            is_positive = True
            risk = counted
        all_concerns.extend(concerns)
        dimensions[dimension] = DimensionResult(
            is_positive,
            counted,
            _strength_counts(strong, medium, weak),
            tuple(unknown),
            tuple(concerns),
        )

    rule, basis, rule_reason, rule_entry = _RULES[age_uncertain, age_at_exploitation]
    reasons = [rule_entry]
    for dimension in positive:
        indicators_ = dimensions[dimension].indicators
        reasons.append(_reason("dimension_positive", dimension=dimension, indicators=indicators_))
    recruitment = tuple(d for d in RECRUITMENT_DIMENSIONS if d in positive) if positive else ()
    means = tuple(d for d in MEANS_DIMENSIONS if d in positive) if positive else ()
    exploitation = EXPLOITATION_DIMENSION in positive
    if _presumed(rule, recruitment, exploitation, means, any_strong):
        result_: Result = "presumed_victim"
        reasons.extend(_presumed_reasons(rule, recruitment, means, index, get))
        elements: tuple[MissingElement, ...] = ()
        missing: tuple[str, ...] = ()
    else:
        result_ = _below_threshold(reasons, risk, below, all_concerns)
        names, missing, no_unknown = _missing(
            rule, bool(recruitment), exploitation, bool(means), any_strong
        )
        elements = _with_unknown(names, dimensions) if unknown_ids else no_unknown

    return Evaluation(
        result=result_,
        rule=rule,
        rule_basis=basis,
        rule_reason=rule_reason,
        catalogue_version=catalogue.version,
        dimensions=MappingProxyType(dimensions),
        reasons=tuple(reasons),
        missing=missing,
        missing_elements=elements,
        unknown=tuple(unknown_ids),
        extensions=_extension_findings(index, get) if index.extension else (),
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
    # issuperset walks the keys in C without building a set: the valid case costs almost nothing.
    if not index.ids.issuperset(observations):
        raise UnknownIndicator([str(i) for i in observations.keys() - index.ids])
    try:
        all_valid = _STATUS_SET.issuperset(observations.values())
    except TypeError:  # an unhashable status
        all_valid = False
    if not all_valid:
        invalid = {i: s for i, s in observations.items() if not _valid_status(s)}
        raise InvalidStatus(invalid)


def _valid_status(status: object) -> bool:
    return isinstance(status, str) and status in _STATUS_SET


@functools.lru_cache(maxsize=512)
def _strength_counts(strong: int, medium: int, weak: int) -> Mapping[str, int]:
    # Immutable, so equal counts can share one mapping.
    return MappingProxyType({"strong": strong, "medium": medium, "weak": weak})


_ZERO_COUNTS: Final = _strength_counts(0, 0, 0)
_EMPTY: Final = DimensionResult(False, (), _ZERO_COUNTS, (), ())


def _extension_findings(
    index: _Index, get: Callable[[str], str | None]
) -> tuple[ExtensionFinding, ...]:
    # DESIGN.md rule 7: country indicators are reported beside the core result, never in it.
    findings = []
    for ident, dimension, rank in index.extension:
        status = get(ident)
        if status is None or status == "not_observed" or status == "unknown":
            continue
        counted_as = _RANK_NAME[rank - 1 if status == "suspected" else rank]
        findings.append(ExtensionFinding(ident, dimension, status, counted_as))
    return tuple(findings)


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


def _rule_table() -> dict[tuple[bool, int | None], tuple[Rule, str, str, Reason]]:
    # There are only 2 x 122 valid (age_uncertain, age) pairs: work out the rule, its texts and
    # its reason once, at import, instead of formatting them again for every screening.
    table = {}
    for uncertain in (False, True):
        for age in (None, *range(MIN_AGE, MAX_AGE + 1)):
            rule, basis, reason = _rule(age, uncertain)
            table[uncertain, age] = (rule, basis, reason, _rule_reason_entry(basis, age))
    return table


_RULES: Final = _rule_table()


def _presumed(
    rule: Rule,
    recruitment: tuple[str, ...],
    exploitation: bool,
    means: tuple[str, ...],
    any_strong: bool,
) -> bool:
    if rule == "adult":
        return bool(recruitment) and exploitation and bool(means)
    # Palermo art. 3(c): for a child the means are not required; the lower threshold lets one
    # strong indicator stand in for the act of recruitment, transfer or harbouring.
    return exploitation and bool(recruitment or means or any_strong)


def _presumed_reasons(
    rule: Rule,
    recruitment: tuple[str, ...],
    means: tuple[str, ...],
    index: _Index,
    get: Callable[[str], str | None],
) -> list[Reason]:
    reasons = [_EXPLOITATION_ESTABLISHED]
    if recruitment:
        reasons.append(_reason("recruitment_established", dimensions=recruitment))
    if means:
        reasons.append(_reason("means_established", dimensions=means))
    if rule == "child":
        if not means:
            reasons.append(_MEANS_NOT_REQUIRED)
        if not recruitment and not means:
            strong = _strong_ids(index, get)
            reasons.append(_reason("child_rule_strong_indicator", indicators=strong))
    return reasons


def _below_threshold(
    reasons: list[Reason], risk: tuple[str, ...], below: list[str], concerns: list[str]
) -> Result:
    """Not presumed: the low threshold (DESIGN.md rule 2). Anything that counts gives "at_risk"."""
    if risk:
        reasons.append(_reason("risk_factors", indicators=risk))
    if below:
        reasons.append(_reason("trafficking_indicators_present", indicators=tuple(below)))
    if concerns:
        reasons.append(_reason("suspected_concerns", indicators=tuple(concerns)))
    if risk or below or concerns:
        return "at_risk"
    reasons.append(_NOTHING_COUNTED)
    return "no_indication"


def _strong_ids(index: _Index, get: Callable[[str], str | None]) -> tuple[str, ...]:
    """Ids counted as strong in any trafficking dimension, in catalogue order.

    Only the child rule's "one strong indicator" reason names them, so they are looked up here,
    off the hot path, rather than collected for every screening.
    """
    return tuple(i for i in index.strong if get(i) in _FULL_STRENGTH)


def _reason(code: str, **params: Any) -> Reason:
    return Reason(code, MappingProxyType(params))


# Reasons without parameters are the same every time: built once and shared (immutable).
_EXPLOITATION_ESTABLISHED: Final = _reason("exploitation_established")
_MEANS_NOT_REQUIRED: Final = _reason("child_rule_means_not_required")
_NOTHING_COUNTED: Final = _reason("nothing_counted")

# Each element of the rule names fixed dimensions; any one of them positive would meet it.
_ELEMENT_DIMENSIONS: Final[dict[str, tuple[str, ...]]] = {
    "recruitment": RECRUITMENT_DIMENSIONS,
    "exploitation": (EXPLOITATION_DIMENSION,),
    "means": MEANS_DIMENSIONS,
    "recruitment_or_means": RECRUITMENT_DIMENSIONS + MEANS_DIMENSIONS,
}


@functools.cache
def _missing(
    rule: Rule, recruitment: bool, exploitation: bool, means: bool, any_strong: bool
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[MissingElement, ...]]:
    """The elements of the rule still to be established for "presumed_victim" (when not presumed).

    Elements are all required; within one element any listed dimension suffices. Returns the
    element names, the dimensions they name (in TRAFFICKING_DIMENSIONS order) and the elements
    as they read when no indicator is unknown. There are only 32 possible inputs, so each answer
    is worked out once.
    """
    names: list[str] = []
    if rule == "adult":
        if not recruitment:
            names.append("recruitment")
        if not exploitation:
            names.append("exploitation")
        if not means:
            names.append("means")
    else:
        if not exploitation:
            names.append("exploitation")
        if not (recruitment or means or any_strong):
            names.append("recruitment_or_means")
    wanted = {d for name in names for d in _ELEMENT_DIMENSIONS[name]}
    dimensions = tuple(d for d in TRAFFICKING_DIMENSIONS if d in wanted)
    no_unknown = tuple(
        MissingElement(name, _ELEMENT_DIMENSIONS[name], (), name == "recruitment_or_means")
        for name in names
    )
    return tuple(names), dimensions, no_unknown


def _with_unknown(
    names: tuple[str, ...], dims: Mapping[str, DimensionResult]
) -> tuple[MissingElement, ...]:
    """The missing elements, each listing the unknown indicators that could establish it."""
    elements = []
    for name in names:
        dimensions = _ELEMENT_DIMENSIONS[name]
        unknown = tuple(i for d in dimensions for i in dims[d].unknown)
        elements.append(MissingElement(name, dimensions, unknown, name == "recruitment_or_means"))
    return tuple(elements)


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

"""The decision engine: one screening in, one explained result out. Pure, no Django.

The rule is written out for humans, with its legal basis, in ``RULES.md`` next to this module.
In short:

1. Each observation counts with a strength: ``observed`` and ``reported`` at the indicator's
   strength; ``suspected`` one step lower (strong -> medium -> weak -> a concern only);
   ``not_observed`` and ``unknown`` not at all. ``unknown`` is reported as "not yet known".
2. A dimension is positive (ILO/EC 2009) with 2 strong; 1 strong + 1 medium or weak; 3 medium;
   or 2 medium + 1 weak.
3. Recruitment (the act) = any recruitment dimension positive. Means = coercion or abuse of
   vulnerability at destination positive. Exploitation = exploitative conditions positive; for a
   child also one ``child_sufficient`` indicator observed or reported (the child used or offered
   by others for sex, sexual images or streams, crime or begging, made to produce sexual images
   of themselves for others, or married, sold, or given for adoption or surrogacy by others is
   exploitation in itself: ILO C182 art. 3; Directive 2011/36/EU art. 2(3) as amended by
   Directive (EU) 2024/1712; Directive 2011/93/EU; RULES.md section 4). Suspected does not
   suffice.
4. Adult rule: presumed victim = recruitment and exploitative conditions and means.
   Child rule (age at exploitation under 18, age uncertain, or age unknown): means not required
   (Palermo art. 3(c)); presumed victim = exploitation and (recruitment or means or one strong
   indicator in any trafficking dimension). A child_sufficient indicator is strong, so it alone
   gives presumed victim.
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
# Speed
#
# Issue 3 asks for at least 20,000 screenings per second on one core. On CPython the cost is in
# bytecodes and in objects built, so evaluate() is shaped by three choices, all measured:
# - The catalogue is indexed once (_index): evaluate() reads the observations dimension by
#   dimension, in catalogue order, so no list ever needs sorting.
# - A dimension's strength counts live in one packed integer (_UNIT): adding an observation is
#   one addition, and what follows from the counts alone (the counts mapping, positive or not)
#   is looked up (_tally), not recomputed.
# - What follows from the set of positive dimensions alone (the result if presumed, the fixed
#   reasons, the missing elements) is worked out once per combination (_verdict).
# Vectorising the per-indicator loop with map/compress/list.count was tried and was slower for
# the ten or so indicators of a dimension. The regression fixture (tests/engine_regression.json)
# pins the output of the engine as it was before this work.

# Strength counts packed in one int: weak in bits 0-9, medium in 10-19, strong from 20. An
# observation adds the unit of its effective rank; a concern (a suspected weak one) adds 0.
_SHIFT: Final = 10
_MASK: Final = (1 << _SHIFT) - 1
_UNIT: Final[dict[int, int]] = {0: 0, 1: 1, 2: 1 << _SHIFT, 3: 1 << (2 * _SHIFT)}


class _Dimension(NamedTuple):
    name: str
    trafficking: bool  # one of the six ILO/EC dimensions (not the product's "at_risk")
    ids: tuple[str, ...]  # its core indicators, in catalogue order
    full: dict[str, int]  # id -> unit when observed or reported
    suspected: dict[str, int]  # id -> unit one rank lower; 0 for a weak one (a concern)


@dataclass(frozen=True, slots=True)
class _Index:
    ids: frozenset[str]
    dimensions: tuple[_Dimension, ...]  # in DIMENSIONS order
    # Strong core indicators of the trafficking dimensions, in catalogue order.
    strong: tuple[str, ...]
    # Core indicators that establish exploitation alone under the child rule, in catalogue order.
    child_sufficient: tuple[str, ...]
    # Extension indicators in catalogue order: (id, dimension, rank).
    extension: tuple[tuple[str, str, int], ...]


@functools.lru_cache(maxsize=16)
def _index(catalogue: Catalogue) -> _Index:
    # Catalogue hashes by identity (eq=False), so each loaded catalogue is indexed once.
    core = catalogue.core_indicators
    dimensions = []
    for d in DIMENSIONS:
        members = [i for i in core if i.dimension == d]
        if len(members) > _MASK:  # the packed counts would overflow into the next strength
            raise ValueError(f"dimension {d!r} has more than {_MASK} indicators")
        dimensions.append(
            _Dimension(
                name=d,
                trafficking=d != AT_RISK_DIMENSION,
                ids=tuple(i.id for i in members),
                full={i.id: _UNIT[_RANK[i.strength]] for i in members},
                suspected={i.id: _UNIT[_RANK[i.strength] - 1] for i in members},
            )
        )
    strong = tuple(
        i.id for i in core if i.strength == "strong" and i.dimension != AT_RISK_DIMENSION
    )
    # The catalogue allows the flag only on strong core exploitation indicators.
    child_sufficient = tuple(i.id for i in core if i.child_sufficient)
    extension = tuple(
        (i.id, i.dimension, _RANK[i.strength]) for i in catalogue.extension_indicators
    )
    return _Index(
        frozenset(catalogue.by_id), tuple(dimensions), strong, child_sufficient, extension
    )


# Building a NamedTuple through tuple.__new__ skips its Python-level __new__ (keyword handling):
# the same object for half the cost, and the engine builds up to a dozen per screening.
_new_tuple: Final = tuple.__new__


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

    dimensions: dict[str, DimensionResult] = {}
    # Gathered on the way, in DIMENSIONS order, so the decision needs no second pass.
    positive: list[str] = []  # positive trafficking dimensions
    below: list[str] = []  # ids that count in a trafficking dimension
    all_concerns: list[str] = []
    unknown_ids: list[str] = []
    risk: tuple[str, ...] = ()
    any_strong = False
    for dimension, trafficking, ids, full, suspected in index.dimensions:
        indicators: list[str] = []
        concerns: list[str] = []
        unknown: list[str] = []
        tally = 0  # packed strength counts, see _UNIT
        for ident in ids:  # the hot loop: keep it lean
            status = get(ident)
            if status is None or status == "not_observed":  # the common answer: never counts
                continue
            if status == "unknown":
                unknown.append(ident)
                continue
            # Observed and reported count at full strength (statuses were checked above);
            # suspected one rank lower, so a suspected weak indicator is a concern only.
            unit = suspected[ident] if status == "suspected" else full[ident]
            if unit:
                tally += unit
                indicators.append(ident)
            else:
                concerns.append(ident)

        if unknown:
            unknown_ids.extend(unknown)
        if not indicators and not concerns:
            if unknown:
                dimensions[dimension] = _new_tuple(
                    DimensionResult, (False, (), _ZERO_COUNTS, tuple(unknown), ())
                )
            else:
                # Nothing observed, nothing unknown: one shared value (results are immutable).
                dimensions[dimension] = _EMPTY
            continue

        counted = tuple(indicators)
        strength_counts, is_positive, has_strong = _tally(tally)
        if trafficking:
            if is_positive:
                positive.append(dimension)
            any_strong = any_strong or has_strong
            below.extend(counted)
        else:
            # Risk factors are not an ILO dimension: any one that counts (a concern included)
            # makes it positive.
            is_positive = True
            risk = counted
        if concerns:
            all_concerns.extend(concerns)
        dimensions[dimension] = _new_tuple(
            DimensionResult,
            (is_positive, counted, strength_counts, tuple(unknown), tuple(concerns)),
        )

    rule, basis, rule_reason, rule_entry = _RULES[age_uncertain, age_at_exploitation]
    # Child rule only: one child_sufficient indicator observed or reported establishes
    # exploitation (a handful of lookups; the ids are named below only if presumed).
    sufficient = False
    if rule == "child":
        for ident in index.child_sufficient:
            if get(ident) in _FULL_STRENGTH:
                sufficient = True
                break
    reasons = [rule_entry]
    for dimension in positive:
        params = {"dimension": dimension, "indicators": dimensions[dimension].indicators}
        reasons.append(_new_tuple(Reason, ("dimension_positive", MappingProxyType(params))))
    verdict = _verdict(rule, tuple(positive), any_strong, sufficient)
    if verdict.presumed:
        result_: Result = "presumed_victim"
        at = verdict.sufficient_at
        if at < 0:
            reasons.extend(verdict.reasons)
        else:
            reasons.extend(verdict.reasons[:at])
            counted = _sufficient_ids(index, get)
            reasons.append(_reason("child_rule_exploitation_in_itself", indicators=counted))
            reasons.extend(verdict.reasons[at:])
        if verdict.names_strong:
            strong = _strong_ids(index, get)
            reasons.append(_reason("child_rule_strong_indicator", indicators=strong))
        elements: tuple[MissingElement, ...] = ()
    else:
        result_ = _below_threshold(reasons, risk, below, all_concerns)
        elements = _with_unknown(verdict.elements, dimensions) if unknown_ids else verdict.elements

    return Evaluation(
        result=result_,
        rule=rule,
        rule_basis=basis,
        rule_reason=rule_reason,
        catalogue_version=catalogue.version,
        dimensions=MappingProxyType(dimensions),
        reasons=tuple(reasons),
        missing=verdict.missing,
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
    # issuperset walks the keys in C without building a set: the valid case costs little.
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


def _tally(tally: int) -> tuple[Mapping[str, int], bool, bool]:
    """From packed counts: the counts as a shared immutable mapping, positive, any strong.

    Few combinations occur, so each is worked out once (a plain dict: cheaper than lru_cache).
    """
    found = _TALLIES.get(tally)
    if found is None:
        strong, medium, weak = tally >> (2 * _SHIFT), (tally >> _SHIFT) & _MASK, tally & _MASK
        counts = MappingProxyType({"strong": strong, "medium": medium, "weak": weak})
        found = _TALLIES[tally] = (counts, dimension_positive(strong, medium, weak), strong > 0)
    return found


# Bounded by the catalogue: at most (indicators in a dimension + 1) ** 3 keys.
_TALLIES: dict[int, tuple[Mapping[str, int], bool, bool]] = {}
_ZERO_COUNTS: Final = _tally(0)[0]
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
        findings.append(_new_tuple(ExtensionFinding, (ident, dimension, status, counted_as)))
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


class _Verdict(NamedTuple):
    presumed: bool
    # If presumed: the fixed reasons that follow the "dimension_positive" ones, and whether the
    # child rule was met by a strong indicator alone (the reason then names those indicators).
    reasons: tuple[Reason, ...]
    names_strong: bool
    # If presumed with a child_sufficient indicator: where in ``reasons`` the reason naming them
    # goes (after "exploitation_established" if the dimension is positive too); else -1.
    sufficient_at: int
    # If not presumed: the missing elements (with no unknown indicators listed yet) and the
    # dimensions they name, in TRAFFICKING_DIMENSIONS order.
    elements: tuple[MissingElement, ...]
    missing: tuple[str, ...]


@functools.cache
def _verdict(rule: Rule, positive: tuple[str, ...], any_strong: bool, sufficient: bool) -> _Verdict:
    """The rule's elements, from the positive trafficking dimensions (at most 512 inputs).

    Recruitment (the act) = any recruitment dimension positive; exploitation = exploitative
    conditions positive or, under the child rule only, ``sufficient`` (a child_sufficient
    indicator observed or reported); means = coercion or abuse of vulnerability at destination
    positive. Missing elements are all required; within one element any listed dimension
    suffices.
    """
    recruitment = tuple(d for d in RECRUITMENT_DIMENSIONS if d in positive)
    means = tuple(d for d in MEANS_DIMENSIONS if d in positive)
    exploitation = EXPLOITATION_DIMENSION in positive
    sufficient = sufficient and rule == "child"  # never for the adult rule
    if rule == "adult":
        presumed = bool(recruitment) and exploitation and bool(means)
    else:
        # Palermo art. 3(c): for a child the means are not required; the lower threshold lets
        # one strong indicator stand in for the act of recruitment, transfer or harbouring.
        # ILO C182 art. 3(b)-(c), Directive 2011/36/EU art. 2(3): a child used or offered by
        # others for sex, crime or begging is exploited in itself (a child_sufficient indicator).
        presumed = (exploitation or sufficient) and bool(recruitment or means or any_strong)

    if presumed:
        reasons = [_reason("exploitation_established")] if exploitation else []
        sufficient_at = len(reasons) if sufficient else -1
        if recruitment:
            reasons.append(_reason("recruitment_established", dimensions=recruitment))
        if means:
            reasons.append(_reason("means_established", dimensions=means))
        if rule == "child" and not means:
            reasons.append(_reason("child_rule_means_not_required"))
        names_strong = rule == "child" and not recruitment and not means
        return _Verdict(True, tuple(reasons), names_strong, sufficient_at, (), ())

    names: list[str] = []
    if rule == "adult":
        if not recruitment:
            names.append("recruitment")
        if not exploitation:
            names.append("exploitation")
        if not means:
            names.append("means")
    else:
        if not (exploitation or sufficient):
            names.append("exploitation")
        if not (recruitment or means or any_strong):
            names.append("recruitment_or_means")
    elements = tuple(
        MissingElement(name, _ELEMENT_DIMENSIONS[name], (), name == "recruitment_or_means")
        for name in names
    )
    wanted = {d for e in elements for d in e.dimensions}
    missing = tuple(d for d in TRAFFICKING_DIMENSIONS if d in wanted)
    return _Verdict(False, (), False, -1, elements, missing)


# Each element of the rule names fixed dimensions; any one of them positive would meet it.
_ELEMENT_DIMENSIONS: Final[dict[str, tuple[str, ...]]] = {
    "recruitment": RECRUITMENT_DIMENSIONS,
    "exploitation": (EXPLOITATION_DIMENSION,),
    "means": MEANS_DIMENSIONS,
    "recruitment_or_means": RECRUITMENT_DIMENSIONS + MEANS_DIMENSIONS,
}


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


def _with_unknown(
    elements: tuple[MissingElement, ...], dims: Mapping[str, DimensionResult]
) -> tuple[MissingElement, ...]:
    """The missing elements, each listing the unknown indicators that could establish it."""
    filled = []
    for element in elements:
        unknown: tuple[str, ...] = ()
        for d in element.dimensions:
            unknown += dims[d].unknown
        if unknown:
            name, dimensions, _, strong = element
            element = _new_tuple(MissingElement, (name, dimensions, unknown, strong))
        filled.append(element)
    return tuple(filled)


def _strong_ids(index: _Index, get: Callable[[str], str | None]) -> tuple[str, ...]:
    """Ids counted as strong in any trafficking dimension, in catalogue order.

    Only the child rule's "one strong indicator" reason names them, so they are looked up here,
    off the hot path, rather than collected for every screening.
    """
    return tuple(i for i in index.strong if get(i) in _FULL_STRENGTH)


def _sufficient_ids(index: _Index, get: Callable[[str], str | None]) -> tuple[str, ...]:
    """The child_sufficient ids observed or reported, in catalogue order (named if presumed)."""
    return tuple(i for i in index.child_sufficient if get(i) in _FULL_STRENGTH)


def _reason(code: str, **params: Any) -> Reason:
    return _new_tuple(Reason, (code, MappingProxyType(params)))


_NOTHING_COUNTED: Final = _reason("nothing_counted")


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

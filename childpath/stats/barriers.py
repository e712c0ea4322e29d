"""The barrier indicators: the reports' findings (DESIGN.md section 1) as measures, each
defined once with its definition beside it. Times are medians and 90th percentiles in days,
counted by tenth of a day; shares are a numerator over a denominator of children (or
referrals). Figures under the threshold are suppressed the same way as the tables: a time
needs at least ``threshold`` children, a share needs both the children it counts and those it
does not to reach it, in the period and in every atom of it (disclosure.py), so neither part
can point to a child. Everything is read from the maintained roll-up (rollup.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from childpath.accounts.models import Organisation
from childpath.stats import disclosure, rollup
from childpath.stats.periods import Period
from childpath.stats.selectors import Protection


@dataclass(frozen=True)
class Duration:
    name: str
    title: Promise
    definition: Promise


@dataclass(frozen=True)
class Share:
    name: str
    title: Promise
    definition: Promise
    # Days that must have passed since the day the child's clock is due before the child
    # counts (None: at once). Applied when the figures are read, so nothing goes stale.
    wait_days: int | None = None


DURATIONS = (
    Duration(
        "to_presumed",
        _("Concern to presumed victim"),
        _("Days from the recorded concern to the first presumed-victim decision, for the "
          "children presumed."),
    ),
    Duration(
        "to_informed",
        _("Concern to information in the child's language"),
        _("Days from the concern to the first time the child was told about rights in a "
          "language the child speaks (or, if no language is recorded, with understanding "
          "recorded)."),
    ),
    Duration(
        "to_accepted_referral",
        _("Concern to the first accepted referral"),
        _("Days from the concern to the first referral a service accepted."),
    ),
    Duration(
        "to_identified",
        _("Concern to formal identification"),
        _("Days from the concern to the first formal identification."),
    ),
)  # fmt: skip

SHARES = (
    Share(
        "informed_in_language",
        _("Presumed victims informed in their language"),
        _("Of the children presumed victims, the share told about their rights in a language "
          "they speak."),
    ),
    Share(
        "answered_in_time",
        _("Referrals answered in time"),
        _("Of the referrals whose answer was due by now, the share accepted or declined by "
          "the deadline of the profile."),
        wait_days=0,
    ),
    Share(
        "no_follow_up",
        _("No follow-up 30 days after the first contact"),
        _("Of the children whose first contact was at least 30 days ago, the share with "
          "nothing recorded after it within 30 days (no screening, referral, information, "
          "age assessment or further contact)."),
        wait_days=30,
    ),
    Share(
        "psychosocial_offered",
        _("Presumed victims offered psychosocial or trauma support"),
        _("Of the children presumed victims, the share referred to psychosocial or trauma "
          "support, or recorded as offered psychological support."),
    ),
    Share(
        "without_pathway_7_days",
        _("Without a pathway for more than 7 days"),
        _("Of the children presumed at least 7 days ago, the share with no referral accepted "
          "within 7 days of the presumption."),
        wait_days=7,
    ),
    Share(
        "age_disputed",
        _("Children whose age was disputed"),
        _("Of the children, the share whose age was in doubt or assessed."),
    ),
    Share(
        "handover_in_time",
        _("Turning-18 handovers made in time"),
        _("Of the young people who turned 18 in the period (by the month, the only part of "
          "the date kept in clear), the share with a handover plan agreed before that "
          "month."),
        wait_days=0,
    ),
)  # fmt: skip

# Room for the children's own view: anonymous feedback on a first encounter (the help app,
# DESIGN.md 6.10) will become a share here, counted from what that app sends (a signal, or a
# roll-up row it writes under "s:<name>"), never by importing it: stats may not import help.

AGE_OUTCOMES = (
    ("open", _("Still open")),
    ("child", _("Found a child")),
    ("adult", _("Found an adult")),
    ("undetermined", _("Undetermined")),
)


@dataclass
class Figure:
    name: str
    title: str
    definition: str
    n: int | None  # the children (or referrals) it is about; None: suppressed
    median: float | None = None
    p90: float | None = None
    share: float | None = None
    # (first day of each atom, the median or share of the atom; None: suppressed), when asked.
    trend: list[tuple[date, float | None]] = field(default_factory=list)


def percentile(histogram: Counter[float], fraction: float) -> float | None:
    """The percentile of a histogram {value: count}, interpolated between ranks as
    PostgreSQL's percentile_cont and Python's statistics.quantiles(method="inclusive") do."""
    total = sum(histogram.values())
    if total == 0:
        return None
    low, high, weight = _ranks(total, fraction)
    return _interpolate(_at_ranks(histogram, (low, high)), low, high, weight)


def _ranks(total: int, fraction: float) -> tuple[int, int, float]:
    position = (total - 1) * fraction
    below = int(position)
    return below, min(below + 1, total - 1), position - below


def _interpolate(values: dict[int, float], low: int, high: int, weight: float) -> float:
    return values[low] + (values[high] - values[low]) * weight


def _at_ranks(histogram: Mapping[Any, int], ranks: Iterable[int]) -> dict[int, Any]:
    """The value at each rank (0 is the smallest) of a histogram."""
    wanted = sorted(set(ranks))
    found: dict[int, Any] = {}
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        while wanted and wanted[0] < seen:
            found[wanted.pop(0)] = value
        if not wanted:
            break
    return found


FRACTIONS = (0.5, 0.9)


def _times(period: Period, organisation: Organisation | None) -> dict[str, dict[str, Any]]:
    """For each time: [median, 90th percentile] in days and the number of children, from the
    day histograms (one query) and the tenths of the few days that hold the ranks (one more)."""
    return _grouped_times(period, organisation, None, FRACTIONS)[0]


Group = frozenset[date] | None  # months of an atom of the period; None: the whole period


def _grouped_times(
    period: Period,
    organisation: Organisation | None,
    groups: list[frozenset[date]] | None,
    fractions: tuple[float, ...],
) -> list[dict[str, dict[str, Any]]]:
    """``_times`` for each group of months (each atom of the period, for the trends), still in
    two queries: the day histograms by month, then the tenths of the days that hold a rank."""
    by_month = groups is not None
    days = rollup.histograms(
        [f"d:{d.name}" for d in DURATIONS], period, organisation, by_month=by_month
    )
    wanted: list[Group] = list(groups) if groups is not None else [None]

    def histogram(
        source: dict[str, dict[Any, Counter[int]]], name: str, group: Group
    ) -> Counter[int]:
        per_month = source.get(name, {})
        if group is None:
            return per_month.get(None, Counter())
        total: Counter[int] = Counter()
        for month in group:
            total.update(per_month.get(month, Counter()))
        return total

    needed: list[dict[str, tuple[Counter[int], int, dict[int, int]]]] = []
    names: set[str] = set()
    for group in wanted:
        found = {}
        for d in DURATIONS:
            counts = histogram(days, f"d:{d.name}", group)
            total = sum(counts.values())
            if total:
                ranks = [r for f in fractions for r in _ranks(total, f)[:2]]
                found[d.name] = (counts, total, _at_ranks(counts, ranks))
                names |= {rollup.fine_name(d.name, day) for day in found[d.name][2].values()}
        needed.append(found)
    fine = rollup.histograms(names, period, organisation, by_month=by_month) if names else {}
    results = []
    for group, found in zip(wanted, needed, strict=True):
        result: dict[str, dict[str, Any]] = {}
        for d in DURATIONS:
            result[d.name] = {"n": 0, "values": []}
            if d.name not in found:
                continue
            counts, total, by_rank = found[d.name]
            result[d.name]["n"] = total
            below = 0  # children in the days before
            values: dict[int, float] = {}
            for day in sorted(counts):
                ranks = [r for r, at in by_rank.items() if at == day]
                if ranks:
                    tenths = histogram(fine, rollup.fine_name(d.name, day), group)
                    for r, v in _at_ranks(tenths, [r - below for r in ranks]).items():
                        values[r + below] = v / 10
                below += counts[day]
            for f in fractions:
                low, high, weight = _ranks(total, f)
                result[d.name]["values"].append(_interpolate(values, low, high, weight))
        results.append(result)
    return results


def _atoms(period: Period, unit: str) -> tuple[int, dict[date, int]]:
    atoms = period.atoms(unit)
    return len(atoms), {m: a for a, (f, last) in enumerate(atoms) for m in Period(f, last).months()}


def _counts(s: Share, row: dict[str, Any], today: date) -> tuple[int, int]:
    """(in the denominator, in the numerator) for one roll-up row of a share."""
    value, n = row["value"], row["n"]
    if s.name == "answered_in_time":
        # Due: answered already, or the deadline has passed.
        due = value[0] == "1" or date.fromisoformat(row["universe"]) <= today
        return (n, n if value[1] == "1" else 0) if due else (0, 0)
    waiting = s.wait_days is not None and (
        date.fromisoformat(row["universe"]) > today - timedelta(days=s.wait_days)
    )
    if waiting:
        return 0, 0
    return n, n if value == "1" else 0


def _share(s: Share, per_atom: list[list[int]], threshold: int) -> Figure:
    num = sum(a[0] for a in per_atom)
    other = sum(a[1] for a in per_atom)
    # Both parts must be publishable: a share of "all but 3" points to 3 children too.
    protected = disclosure.one_way([num, other], threshold, per_atom)
    ok = None not in protected.cells and num + other > 0
    return Figure(
        s.name,
        str(s.title),
        str(s.definition),
        num + other if ok else None,
        share=round(100 * num / (num + other), 1) if ok else None,
    )


def indicators(
    period: Period,
    organisation: Organisation | None = None,
    protection: Protection | None = None,
    *,
    trends: bool = False,
) -> dict[str, list[Figure]]:
    """Every barrier indicator for the period (and organisation), protected; with ``trends``,
    each time's median and each share in every atom of the period too (two more queries)."""
    p = protection or Protection.default()
    today = timezone.localdate()
    times = []
    atoms = period.atoms(p.unit)
    by_atom: list[dict[str, dict[str, Any]]] = []
    if trends:
        # The whole period is one more group of the same two reads.
        groups = [frozenset(Period(first, last).months()) for first, last in atoms]
        whole = frozenset(month for group in groups for month in group)
        measured, *by_atom = _grouped_times(period, organisation, [whole, *groups], FRACTIONS)
    else:
        measured = _times(period, organisation)
    for d in DURATIONS:
        n, values = measured[d.name]["n"], measured[d.name]["values"]
        shown = n >= p.threshold and n > 0
        times.append(
            Figure(
                d.name,
                str(d.title),
                str(d.definition),
                n if shown else None,
                round(values[0], 1) if shown else None,
                round(values[1], 1) if shown else None,
                trend=[
                    (
                        first,
                        round(m[d.name]["values"][0], 1)
                        if m[d.name]["n"] >= max(1, p.threshold)
                        else None,
                    )
                    for (first, _last), m in zip(atoms, by_atom, strict=True)
                ]
                if trends
                else [],
            )
        )
    count, atom_of = _atoms(period, p.unit)
    parts = rollup.read_many([*(f"s:{s.name}" for s in SHARES), "a:age"], period, organisation)
    shares = []
    for s in SHARES:
        per_atom = [[0, 0] for _ in range(count)]
        for row in parts.get(f"s:{s.name}", []):
            den, num = _counts(s, row, today)
            a = atom_of[row["month"]]
            per_atom[a][0] += num
            per_atom[a][1] += den - num
        figure = _share(s, per_atom, p.threshold)
        if trends:
            figure.trend = [
                (first, _share(s, [atom], p.threshold).share)
                for (first, _last), atom in zip(atoms, per_atom, strict=True)
            ]
        shares.append(figure)
    index = {code: i for i, (code, _label) in enumerate(AGE_OUTCOMES)}
    outcomes = [[0] * len(AGE_OUTCOMES) for _ in range(count)]
    for row in parts.get("a:age", []):
        if row["value"] in index:
            outcomes[atom_of[row["month"]]][index[row["value"]]] += row["n"]
    exact = [sum(atom[i] for atom in outcomes) for i in range(len(AGE_OUTCOMES))]
    protected = disclosure.one_way(exact, p.threshold, outcomes)
    return {
        "times": times,
        "shares": shares,
        "age_outcomes": [
            Figure(code, str(label), "", value)
            for (code, label), value in zip(AGE_OUTCOMES, protected.cells, strict=True)
        ],
    }

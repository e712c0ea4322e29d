"""Reading the statistics: SQL aggregates over the roll-up, then disclosure control.

Every figure leaves this module through ``disclosure`` (or through differential privacy and
then the threshold): nothing here returns a single case, a reference, or an unprotected count.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Model, QuerySet
from django.utils import timezone

from childpath.accounts.models import Organisation
from childpath.jurisdiction.active import current_profile
from childpath.stats import disclosure, rollup
from childpath.stats.definitions import (
    BREAKDOWNS,
    CHILDREN,
    REGISTERED,
    TABLES,
    Breakdown,
    Categories,
    Table,
    definition,
)
from childpath.stats.models import CaseFact, Method, ReferralFact
from childpath.stats.periods import Period

# Differentially private releases count at most this many referrals per child, so one child
# changes a referral table by at most this much (the sensitivity of the count).
REFERRALS_PER_CHILD = 5


class StatisticsError(ValueError):
    """Bad input to a statistics query; ``code`` picks the translated message."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Protection:
    """How figures are protected: the threshold, rounding, or differential privacy."""

    threshold: int
    unit: str = "month"
    method: str = Method.SUPPRESSION
    rounding: int = 1
    epsilon: float | None = None

    @classmethod
    def default(cls) -> Protection:
        rules = current_profile().statistics
        return cls(threshold=rules.threshold, unit=rules.period_unit)


@dataclass
class Result:
    """A protected table: ``None`` is a suppressed cell (shown as suppressed, never as 0)."""

    table: Table
    by: Breakdown | None
    period: Period
    protection: Protection
    rows: Categories
    cols: Categories
    cells: list[list[int | None]]
    row_totals: list[int | None]
    col_totals: list[int | None]
    total: int | None
    organisation: Organisation | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def definition(self) -> str:
        return definition(self.table)

    @property
    def breakdown(self) -> Breakdown:
        return BREAKDOWNS[self.table.breakdown]

    def suppressed_count(self) -> int:
        values = [v for row in self.cells for v in row] + self.row_totals
        return sum(1 for v in values if v is None)


@functools.lru_cache(maxsize=4)
def _top_countries(field_name: str, stamp: int) -> tuple[str, ...]:
    model: type[Model] = CaseFact if field_name == "citizenship" else ReferralFact
    rows = (
        model._default_manager.exclude(**{field_name: ""})
        .values(field_name)
        .annotate(n=Count("pk"))
        .order_by("-n", field_name)[:10]
    )
    return tuple(sorted(row[field_name] for row in rows))


def top_countries(field_name: str) -> tuple[str, ...]:
    # Cached per hour: the list changes slowly, and each page needs it once.
    return _top_countries(field_name, int(timezone.now().timestamp() // 3600))


def facts(
    table: Table, period: Period, organisation: Organisation | None = None, *, dp: bool = False
) -> QuerySet[Any]:
    model: type[Model] = CaseFact if table.unit == CHILDREN else ReferralFact
    end_month = period.end.replace(day=1)
    qs = model._default_manager.filter(
        table.universe, month__gte=period.start, month__lte=end_month
    )
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    if dp and table.unit != CHILDREN:
        qs = qs.filter(ordinal__lte=REFERRALS_PER_CHILD)
    return qs


def _index(breakdown: Breakdown, categories: Categories) -> dict[str, int]:
    index = {code: i for i, (code, _label) in enumerate(categories)}
    for value, target in breakdown.merge.items():
        index[value] = index[target]
    return index


def _position(index: dict[str, int], value: Any) -> int:
    if value in index:
        return index[value]
    # A value the layout does not list (a country outside the top ten, an unknown code).
    return index.get("other", index.get("unknown", len(index) - 1))


def counts(
    table: Table,
    by: Breakdown | None,
    period: Period,
    unit: str,
    organisation: Organisation | None = None,
    *,
    dp: bool = False,
) -> tuple[Categories, Categories, list[list[int]], list[list[list[int]]]]:
    """The exact counts of the period and of each atom, by row (and column): one query."""
    row_b = BREAKDOWNS[table.breakdown]
    if by is None and not (dp and table.unit != CHILDREN):
        # One breakdown: from the maintained roll-up, a few hundred rows, not every case.
        rows = [
            {"month": r["month"], row_b.field: r["value"], "n": r["n"]}
            for r in rollup.read(f"t:{row_b.field}", period, organisation)
            if in_universe(table, r["universe"])
        ]
        return assemble(table, by, period, unit, rows)
    fields = ["month", row_b.field] + ([by.field] if by else [])
    grouped = facts(table, period, organisation, dp=dp).values(*fields).annotate(n=Count("pk"))
    return assemble(table, by, period, unit, grouped.order_by())


def assemble(
    table: Table, by: Breakdown | None, period: Period, unit: str, grouped: Iterable[dict[str, Any]]
) -> tuple[Categories, Categories, list[list[int]], list[list[list[int]]]]:
    """Counts by (month, row[, column]) into the period's table and each atom's table."""
    row_b = BREAKDOWNS[table.breakdown]
    rows = row_b.category_list()
    cols: Categories = by.category_list() if by else (("count", ""),)
    row_index = _index(row_b, rows)
    col_index = _index(by, cols) if by else {}
    atoms = period.atoms(unit)
    atom_of = {}
    for a, (first, last) in enumerate(atoms):
        for month in Period(first, last).months():
            atom_of[month] = a
    total = [[0] * len(cols) for _ in rows]
    per_atom = [[[0] * len(cols) for _ in rows] for _ in atoms]
    for row in grouped:
        i = _position(row_index, row[row_b.field])
        j = _position(col_index, row[by.field]) if by else 0
        total[i][j] += row["n"]
        per_atom[atom_of[row["month"]]][i][j] += row["n"]
    return rows, cols, total, per_atom


def _noisy(values: list[int], epsilon: float, sensitivity: int) -> list[int]:
    """Counts with discrete Laplace noise from OpenDP, scaled so that the release of this
    vector is epsilon-differentially private when one child changes it by ``sensitivity``."""
    import opendp.prelude as dp

    dp.enable_features("contrib")
    space = dp.vector_domain(dp.atom_domain(T=int)), dp.l1_distance(T=int)
    measurement = space >> dp.m.then_laplace(scale=sensitivity / epsilon)
    assert measurement.map(sensitivity) <= epsilon * (1 + 1e-9)
    return [max(0, int(v)) for v in measurement(values)]


def table(
    name: str,
    period: Period,
    *,
    by: str = "",
    protection: Protection | None = None,
    organisation: Organisation | None = None,
) -> Result:
    """A standard table for a period, protected. Raises StatisticsError on bad input."""
    if name not in TABLES:
        raise StatisticsError("unknown_table")
    spec = TABLES[name]
    from childpath.stats.definitions import breakdowns_for

    by_b = None
    if by:
        allowed = {b.name: b for b in breakdowns_for(spec)}
        if by not in allowed:
            raise StatisticsError("unknown_breakdown")
        by_b = allowed[by]
    p = protection or Protection.default()
    dp = p.method == Method.DIFFERENTIAL
    counted = counts(spec, by_b, period, p.unit, organisation, dp=dp)
    return protect(spec, by_b, period, p, organisation, *counted)


def protect(
    spec: Table,
    by_b: Breakdown | None,
    period: Period,
    p: Protection,
    organisation: Organisation | None,
    rows: Categories,
    cols: Categories,
    exact: list[list[int]],
    atoms: list[list[list[int]]],
) -> Result:
    """Disclosure control (or differential privacy, then the threshold) on exact counts."""
    dp = p.method == Method.DIFFERENTIAL
    row_b = BREAKDOWNS[spec.breakdown]
    fixed_row = _index(row_b, rows).get(row_b.fixed) if row_b.fixed else None
    if dp:
        assert p.epsilon is not None
        sensitivity = 1 if spec.unit == CHILDREN else REFERRALS_PER_CHILD
        flat = _noisy([v for row in exact for v in row], p.epsilon, sensitivity)
        width = len(cols)
        noisy = [flat[i * width : (i + 1) * width] for i in range(len(rows))]
        # Post-processing: the totals are sums of the noisy cells, so the table adds up; cells
        # under the threshold are still shown as suppressed (noise does not make them large).
        cells: list[list[int | None]] = [
            [v if v >= p.threshold else None for v in row] for row in noisy
        ]
        row_totals: list[int | None] = [sum(row) for row in noisy]
        col_totals: list[int | None] = [
            sum(noisy[i][j] for i in range(len(rows))) for j in range(width)
        ]
        total: int | None = sum(sum(row) for row in noisy)
    elif by_b is None:
        one = disclosure.one_way(
            [row[0] for row in exact],
            p.threshold,
            [[row[0] for row in atom] for atom in atoms],
            fixed=fixed_row,
        )
        cells = [[v] for v in one.cells]
        row_totals = list(one.cells)
        col_totals = [one.total]
        total = one.total
    else:
        fixed_col = _index(by_b, cols).get(by_b.fixed) if by_b.fixed else None
        two = disclosure.two_way(
            exact, p.threshold, atoms, fixed_row=fixed_row, fixed_col=fixed_col
        )
        cells = [list(row) for row in two.cells]
        row_totals, col_totals, total = list(two.row_totals), list(two.col_totals), two.total
    if p.method == Method.ROUNDED:
        base = p.rounding
        cells = [[disclosure.round_to(v, base) for v in row] for row in cells]
        row_totals = [disclosure.round_to(v, base) for v in row_totals]
        col_totals = [disclosure.round_to(v, base) for v in col_totals]
        total = disclosure.round_to(total, base)
    return Result(
        table=spec,
        by=by_b,
        period=period,
        protection=p,
        rows=rows,
        cols=cols,
        cells=cells,
        row_totals=row_totals,
        col_totals=col_totals,
        total=total,
        organisation=organisation,
    )


def trend(
    name: str, period: Period, organisation: Organisation | None = None
) -> list[tuple[date, int | None]]:
    """The table's total in each atom of the period (each atom is a period of its own, so the
    same rule protects it)."""
    p = Protection.default()
    spec = TABLES[name]
    by_month: Counter[date] = Counter()
    for row in rollup.read(f"t:{BREAKDOWNS[spec.breakdown].field}", period, organisation):
        if in_universe(spec, row["universe"]):
            by_month[row["month"]] += row["n"]
    points = []
    for first, last in period.atoms(p.unit):
        n = sum(by_month[m] for m in Period(first, last).months())
        points.append((first, n if n >= p.threshold else None))
    return points


def many(
    names: Iterable[str],
    period: Period,
    *,
    protection: Protection | None = None,
    organisation: Organisation | None = None,
) -> list[Result]:
    """Several one-way tables, from the roll-up in one query (differential privacy: one by
    one, since its referral tables count the facts)."""
    p = protection or Protection.default()
    names = list(names)
    if p.method == Method.DIFFERENTIAL:
        return [table(name, period, protection=p, organisation=organisation) for name in names]
    specs = [TABLES[name] for name in names]
    fields = {spec.name: BREAKDOWNS[spec.breakdown].field for spec in specs}
    rows = rollup.read_many({f"t:{f}" for f in fields.values()}, period, organisation)
    results = []
    for spec in specs:
        field = fields[spec.name]
        counted = assemble(
            spec,
            None,
            period,
            p.unit,
            [
                {"month": r["month"], field: r["value"], "n": r["n"]}
                for r in rows.get(f"t:{field}", [])
                if in_universe(spec, r["universe"])
            ],
        )
        results.append(protect(spec, None, period, p, organisation, *counted))
    return results


def in_universe(spec: Table, universe: str) -> bool:
    """The universe of a table, for roll-up rows (the same rule as ``Table.universe``): the
    status for children, "abroad" for cross-border referrals."""
    if spec.universe == REGISTERED:
        return universe in ("presumed", "identified")
    if spec.name == "cross_border":
        return universe == "abroad"
    return True

"""Disclosure control for published counts: primary and secondary suppression. A pure core.

The rule, in plain words (DOMAIN.md "Statistics and disclosure control"; UK ONS practice):

1. **Primary.** A count under the threshold, zero included, is not published. A period is made
   of whole *atoms* (months, or quarters: the jurisdiction profile says which), and a figure is
   published only if it reaches the threshold in the period **and in every atom of it**. Any run
   of atoms can be chosen as a period, so the difference of two published periods is a sum of
   atoms that each reached the threshold: it never reveals fewer children than the threshold.
2. **Secondary.** Each suppressed cell takes a *partner* fixed by the table's layout (the next
   category, or the one before the last), never by the data. In a one-way table a suppressed
   cell and its partner are both hidden, so the total never gives one of them back. In a
   cross-tabulation the cell hides the rectangle {row, partner row} x {column, partner column}:
   every hidden cell then lies on a cycle of hidden cells, and a cell of a table with its
   margins can be recalculated from the published cells only when it lies on no such cycle
   (the margin equations are the incidence matrix of the bipartite graph of rows and columns).
   The margins are the one-way tables of the two breakdowns, suppressed by the one-way rule
   with the same partners, so a cross-tabulation never publishes a margin its one-way table
   hides.
3. **Monotone.** Because partners do not depend on the counts, a longer period hides at least
   the cells a shorter period inside it hides; with rule 1 this is what keeps the difference
   of two nested periods from giving a suppressed cell back (tests/test_disclosure.py checks
   it by linear algebra on random tables).

A table whose total is under the threshold (in the period or in any atom) is hidden whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

DEFAULT_THRESHOLD = 10


def partner(index: int, size: int, *, fixed: int | None = None) -> int:
    """The cell hidden together with a suppressed one: the next category, or the one before
    for the last. ``fixed`` is a category never chosen as a partner (it is the total of other
    tables, such as "registered" in the status table)."""
    candidates = [i for i in range(size) if i != index and i != fixed]
    after = [i for i in candidates if i > index]
    return after[0] if after else candidates[-1]


def _small(value: int, threshold: int) -> bool:
    return value < threshold


@dataclass(frozen=True)
class OneWay:
    """A published one-way table: None marks a suppressed cell."""

    cells: tuple[int | None, ...]
    total: int | None


@dataclass(frozen=True)
class TwoWay:
    cells: tuple[tuple[int | None, ...], ...]
    row_totals: tuple[int | None, ...]
    col_totals: tuple[int | None, ...]
    total: int | None


def hidden_one_way(
    counts: Sequence[int],
    atoms: Sequence[Sequence[int]],
    threshold: int,
    *,
    fixed: int | None = None,
) -> tuple[set[int], bool]:
    """The indices to hide, and whether the whole table is hidden."""
    size = len(counts)
    total_small = _small(sum(counts), threshold) or any(
        _small(sum(atom), threshold) for atom in atoms
    )
    if total_small or (size < 3 and fixed is not None) or size < 2:
        return set(range(size)), True
    small = {
        i
        for i in range(size)
        if _small(counts[i], threshold) or any(_small(atom[i], threshold) for atom in atoms)
    }
    return small | {partner(i, size, fixed=fixed) for i in small}, False


def one_way(
    counts: Sequence[int],
    threshold: int,
    atoms: Sequence[Sequence[int]] = (),
    *,
    fixed: int | None = None,
) -> OneWay:
    """Suppress a one-way table; ``atoms`` are the counts of each month (or quarter)."""
    hidden, whole = hidden_one_way(counts, atoms, threshold, fixed=fixed)
    cells = tuple(None if i in hidden else value for i, value in enumerate(counts))
    return OneWay(cells=cells, total=None if whole else sum(counts))


def two_way(
    counts: Sequence[Sequence[int]],
    threshold: int,
    atoms: Sequence[Sequence[Sequence[int]]] = (),
    *,
    fixed_row: int | None = None,
    fixed_col: int | None = None,
) -> TwoWay:
    """Suppress a cross-tabulation with its margins (rows x columns)."""
    rows, cols = len(counts), len(counts[0]) if counts else 0
    row_totals = [sum(row) for row in counts]
    col_totals = [sum(counts[i][j] for i in range(rows)) for j in range(cols)]
    row_atoms = [[sum(row) for row in atom] for atom in atoms]
    col_atoms = [[sum(atom[i][j] for i in range(rows)) for j in range(cols)] for atom in atoms]
    hidden_rows, whole = hidden_one_way(row_totals, row_atoms, threshold, fixed=fixed_row)
    hidden_cols, _whole = hidden_one_way(col_totals, col_atoms, threshold, fixed=fixed_col)
    if whole or rows < 2 or cols < 2:
        nothing: tuple[int | None, ...] = (None,) * cols
        return TwoWay((nothing,) * rows, (None,) * rows, (None,) * cols, None)
    hidden: set[tuple[int, int]] = set()
    for i in range(rows):
        for j in range(cols):
            values = [counts[i][j], *(atom[i][j] for atom in atoms)]
            if any(_small(value, threshold) for value in values):
                pi = partner(i, rows, fixed=fixed_row)
                pj = partner(j, cols, fixed=fixed_col)
                hidden |= {(i, j), (i, pj), (pi, j), (pi, pj)}
    cells = tuple(
        tuple(None if (i, j) in hidden else counts[i][j] for j in range(cols)) for i in range(rows)
    )
    return TwoWay(
        cells=cells,
        row_totals=tuple(None if i in hidden_rows else row_totals[i] for i in range(rows)),
        col_totals=tuple(None if j in hidden_cols else col_totals[j] for j in range(cols)),
        total=sum(row_totals),
    )


def round_to(value: int | None, base: int) -> int | None:
    """Round a published count to the nearest multiple of ``base`` (halves up); None stays.
    Totals are rounded on their own, so a rounded table need not add up (said on the page)."""
    if value is None or base <= 1:
        return value
    return ((value + base // 2) // base) * base


def one_way_known(
    values: Sequence[int | None], total: int | None, threshold: int, *, fixed: int | None = None
) -> OneWay:
    """The one-way rule on figures some of which are already unknown (None), such as the sum
    of several instances' published tables: unknown cells count as small."""
    size = len(values)
    if total is None or total < threshold or size < 2:
        return OneWay(cells=(None,) * size, total=None)
    small = {i for i, v in enumerate(values) if v is None or v < threshold}
    hidden = small | {partner(i, size, fixed=fixed) for i in small}
    return OneWay(
        cells=tuple(None if i in hidden else v for i, v in enumerate(values)), total=total
    )

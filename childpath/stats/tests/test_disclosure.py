"""Disclosure control by property: no suppressed figure can be recalculated by any linear
combination of the published ones, within a table and across two periods (a period and a
longer one that contains it, so their difference is published too, in effect).

The unknowns are the exact counts of each atom (month) of each cell; every published figure
is a linear function of them (a cell, a margin, a total, in either period). A hidden figure is
recoverable exactly when its own linear function lies in the span of the published ones: a
rank test in exact rational arithmetic. Bounds (counts are not negative) are outside this
test, as they are outside the rule (DOMAIN.md "Statistics and disclosure control")."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from childpath.stats import disclosure

THRESHOLD = 5


def rank(rows: list[list[Fraction]]) -> int:
    matrix = [row[:] for row in rows if any(row)]
    r = 0
    width = len(matrix[0]) if matrix else 0
    for col in range(width):
        pivot = next((i for i in range(r, len(matrix)) if matrix[i][col] != 0), None)
        if pivot is None:
            continue
        matrix[r], matrix[pivot] = matrix[pivot], matrix[r]
        for i in range(len(matrix)):
            if i != r and matrix[i][col] != 0:
                factor = matrix[i][col] / matrix[r][col]
                matrix[i] = [a - factor * b for a, b in zip(matrix[i], matrix[r], strict=True)]
        r += 1
    return r


def recoverable(published: list[list[Fraction]], target: list[Fraction]) -> bool:
    return rank([*published, target]) == rank(published)


def functional(
    atoms: int, rows: int, cols: int, months: range, cells: set[tuple[int, int]]
) -> list[Fraction]:
    """The linear function "sum of these cells over these months" of the atom unknowns."""
    vector = [Fraction(0)] * (atoms * rows * cols)
    for m in months:
        for i, j in cells:
            vector[(m * rows + i) * cols + j] = Fraction(1)
    return vector


def figures(rows: int, cols: int) -> list[tuple[str, set[tuple[int, int]]]]:
    """Every figure of a cross-tabulation with margins, as the cells it adds up."""
    result = [(f"c{i},{j}", {(i, j)}) for i in range(rows) for j in range(cols)]
    result += [(f"r{i}", {(i, j) for j in range(cols)}) for i in range(rows)]
    result += [(f"k{j}", {(i, j) for i in range(rows)}) for j in range(cols)]
    result.append(("t", {(i, j) for i in range(rows) for j in range(cols)}))
    return result


def published_values(table: disclosure.TwoWay, rows: int, cols: int) -> dict[str, int | None]:
    values: dict[str, int | None] = {}
    for i in range(rows):
        for j in range(cols):
            values[f"c{i},{j}"] = table.cells[i][j]
        values[f"r{i}"] = table.row_totals[i]
    for j in range(cols):
        values[f"k{j}"] = table.col_totals[j]
    values["t"] = table.total
    return values


@st.composite
def months_of_tables(draw: st.DrawFn) -> tuple[int, int, list[list[list[int]]]]:
    rows = draw(st.integers(2, 4))
    cols = draw(st.integers(2, 4))
    months = draw(st.integers(2, 3))
    small_or_not = st.one_of(st.integers(0, THRESHOLD - 1), st.integers(THRESHOLD, 40))
    atoms = [
        [[draw(small_or_not) for _ in range(cols)] for _ in range(rows)] for _ in range(months)
    ]
    return rows, cols, atoms


def add(tables: list[list[list[int]]]) -> list[list[int]]:
    return [
        [sum(t[i][j] for t in tables) for j in range(len(tables[0][0]))]
        for i in range(len(tables[0]))
    ]


@settings(max_examples=150, deadline=None)
@given(months_of_tables())
def test_it_leaves_no_suppressed_cell_recoverable_within_a_table(
    data: tuple[int, int, list[list[list[int]]]],
) -> None:
    rows, cols, atoms = data
    table = disclosure.two_way(add(atoms), THRESHOLD, atoms)
    values = published_values(table, rows, cols)
    n = len(atoms)
    shapes = dict(figures(rows, cols))
    published = [
        functional(n, rows, cols, range(n), shapes[k]) for k, v in values.items() if v is not None
    ]
    for key, value in values.items():
        if value is None:
            assert not recoverable(published, functional(n, rows, cols, range(n), shapes[key])), key


@settings(max_examples=150, deadline=None)
@given(months_of_tables(), st.data())
def test_it_leaves_nothing_small_recoverable_across_two_nested_periods(
    data: tuple[int, int, list[list[list[int]]]], draw: st.DataObject
) -> None:
    """Publish the first k months and all months: no hidden figure of either, and no figure
    under the threshold of the months in between, can be recalculated from both."""
    rows, cols, atoms = data
    n = len(atoms)
    k = draw.draw(st.integers(1, n - 1))
    short = disclosure.two_way(add(atoms[:k]), THRESHOLD, atoms[:k])
    long = disclosure.two_way(add(atoms), THRESHOLD, atoms)
    shapes = dict(figures(rows, cols))
    published: list[list[Fraction]] = []
    hidden: list[list[Fraction]] = []
    for months, table in ((range(k), short), (range(n), long)):
        for key, value in published_values(table, rows, cols).items():
            vector = functional(n, rows, cols, months, shapes[key])
            (hidden if value is None else published).append(vector)
    difference = add(atoms[k:])
    for cells in shapes.values():
        if sum(difference[i][j] for i, j in cells) < THRESHOLD:
            hidden.append(functional(n, rows, cols, range(k, n), cells))
    for vector in hidden:
        assert not recoverable(published, vector)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 30), min_size=2, max_size=8))
def test_it_never_leaves_a_single_suppressed_cell_beside_a_published_total(
    counts: list[int],
) -> None:
    table = disclosure.one_way(counts, THRESHOLD)
    hidden = sum(1 for v in table.cells if v is None)
    assert hidden != 1 or table.total is None


def test_it_suppresses_a_count_under_the_threshold_and_its_partner() -> None:
    table = disclosure.one_way([12, 3, 20, 15], 10)
    assert table.cells == (12, None, None, 15) and table.total == 50


def test_it_suppresses_zero_too() -> None:
    assert disclosure.one_way([0, 30, 40], 10).cells == (None, None, 40)


def test_it_suppresses_a_figure_that_is_small_in_one_month_of_the_period() -> None:
    # 14 over the quarter, but 2 in its first month: the month could be subtracted.
    table = disclosure.one_way([14, 30, 30], 10, [[2, 10, 10], [12, 20, 20]])
    assert table.cells[0] is None


def test_it_never_hides_the_fixed_category_as_a_partner() -> None:
    table = disclosure.one_way([50, 3, 20, 20], 10, fixed=0)
    assert table.cells == (50, None, None, 20)


def test_it_rounds_published_figures_and_keeps_suppressed_ones_suppressed() -> None:
    assert disclosure.round_to(23, 5) == 25 and disclosure.round_to(None, 5) is None

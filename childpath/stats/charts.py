"""Charts drawn on the server as SVG geometry (no JavaScript, printable): horizontal bars for
a breakdown and columns for a trend. The templates draw the shapes; the text alternative and
the data table beside each chart carry the same figures. A suppressed figure is drawn as a
hatched stub labelled "suppressed", never as a zero-length bar."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

BAR_HEIGHT, GAP, LABEL_WIDTH, WIDTH = 22, 8, 250, 640
PLOT = WIDTH - LABEL_WIDTH - 70


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | float | None
    y: int
    width: float
    text_x: float
    text_y: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    label_width: int
    axis_x: int


def bars(items: Sequence[tuple[str, int | float | None]]) -> Chart:
    top = max([v for _label, v in items if v is not None] or [1]) or 1
    result = []
    for n, (label, value) in enumerate(items):
        y = n * (BAR_HEIGHT + GAP)
        width = 0.0 if value is None else max(1.0, PLOT * float(value) / float(top))
        shown = 24.0 if value is None else width
        result.append(Bar(label, value, y, width, LABEL_WIDTH + shown + 6, y + BAR_HEIGHT - 6))
    height = max(1, len(items)) * (BAR_HEIGHT + GAP)
    return Chart(WIDTH, height, result, LABEL_WIDTH, LABEL_WIDTH)


@dataclass(frozen=True)
class Column:
    label: str
    value: int | float | None
    x: float
    y: float
    height: float
    width: float
    label_x: float


@dataclass(frozen=True)
class Trend:
    width: int
    height: int
    base: int
    columns: list[Column]


def trend(points: Sequence[tuple[date, int | float | None]], *, quarterly: bool = False) -> Trend:
    height, base = 220, 190
    top = max([v for _d, v in points if v is not None] or [1]) or 1
    slot = (WIDTH - 20) / max(1, len(points))
    columns = []
    for n, (day, value) in enumerate(points):
        h = 0.0 if value is None else max(1.0, 160 * value / top)
        label = f"{day.year}-Q{(day.month - 1) // 3 + 1}" if quarterly else day.strftime("%Y-%m")
        x = 10 + n * slot + slot * 0.15
        columns.append(
            Column(label, value, x, base - (h or 8), h or 8, slot * 0.7, x + slot * 0.35)
        )
    return Trend(WIDTH, height, base, columns)

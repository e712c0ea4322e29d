"""Rows outside the audit app that the chain covers (DESIGN.md 6.4).

The case timeline lives in the cases app, above this one: it registers here how to read its
rows (``register_timeline``), so ``verify_audit`` can check them without importing it.
"""

from collections.abc import Callable, Iterable, Mapping
from typing import Any

# ids -> {id: the row's chained content}; and "every id from this one on" (to find rows that
# were added behind the application's back).
TimelineReader = Callable[[Iterable[int]], Mapping[int, Mapping[str, Any]]]
TimelineIds = Callable[[int], Iterable[int]]

_timeline: tuple[TimelineReader, TimelineIds] | None = None


def register_timeline(read: TimelineReader, ids_from: TimelineIds) -> None:
    global _timeline
    _timeline = (read, ids_from)


def timeline() -> tuple[TimelineReader, TimelineIds] | None:
    return _timeline

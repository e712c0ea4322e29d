"""Pages without COUNT(*): lists fetch one row more than they show to know if a next page
exists. Counting every case a user may see costs more than the page itself once there are
100,000 cases (BENCHMARKS.md), and nobody needs "page 3 of 4,000" to find a child.

``keyset_window`` goes further for lists ordered newest first: the links carry the position
of the last (or first) row shown, and the next page starts there through the index, so page
500 costs what page 1 costs. ``window`` (OFFSET) reads and skips every row before the page.
"""

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param


@dataclass(frozen=True)
class Window:
    object_list: list[Any]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1


# Far beyond any real list; keeps the OFFSET within what every database accepts.
MAX_PAGE = 1_000_000


def page_number(raw: str | None) -> int:
    """A page number from the query string; anything odd means the first page."""
    try:
        return min(max(int(raw or 1), 1), MAX_PAGE)
    except ValueError:
        return 1


def window(queryset: QuerySet[Any], number: int, size: int) -> Window:
    start = (number - 1) * size
    rows = list(queryset[start : start + size + 1])
    return Window(object_list=rows[:size], number=number, has_next=len(rows) > size)


@dataclass(frozen=True)
class KeysetWindow:
    """One page of a list in keyset order (``Ordering``: newest first by default), with links
    by position.

    ``number`` is only shown ("Page 3"): it travels in the links, the rows do not depend on it.
    """

    object_list: list[Any]
    number: int
    has_next: bool
    has_previous: bool
    next_query: str
    previous_query: str

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous


def _aware_datetime(raw: str) -> datetime:
    at = datetime.fromisoformat(raw)
    if at.tzinfo is None:
        raise ValueError("a position is an aware time")
    return at


@dataclass(frozen=True)
class Ordering:
    """The order of a keyset list: one indexed column, then the id to break ties.

    ``parse`` reads the column's value back from a cursor (and raises ValueError for
    anything that is not one).
    """

    field: str
    descending: bool
    parse: Callable[[str], Any]

    def value(self, row: Any) -> str:
        value = getattr(row, self.field)
        return value.isoformat() if isinstance(value, datetime) else str(value)


NEWEST_FIRST = Ordering("created_at", descending=True, parse=_aware_datetime)


def latest_first(field: str) -> Ordering:
    """Newest first by another time column (for example the last activity)."""
    return Ordering(field, descending=True, parse=_aware_datetime)


def cursor_for(row: Any, ordering: Ordering = NEWEST_FIRST) -> str:
    """The opaque position of a row: its value in the list's order and its id, nothing
    about the child (a time, or the pseudonymous reference)."""
    raw = f"{ordering.value(row)}|{row.pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _position(raw: str | None, ordering: Ordering = NEWEST_FIRST) -> tuple[Any, int] | None:
    """The (value, id) a cursor names, or None for anything that is not one."""
    if not raw or len(raw) > 100:
        return None
    try:
        decoded = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode()
        value, _, pk = decoded.rpartition("|")
        position = ordering.parse(value)
        number = int(pk)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    if not 0 < number < 2**63:
        return None
    return position, number


def _beyond(ordering: Ordering, value: Any, pk: int, *, forwards: bool) -> Q:
    """Rows after (``forwards``) or before a position, in the list's order.

    ``field <= value`` (or ``>=``) on its own lets the index start at the position; the OR
    only breaks ties between rows with the same value (cases registered in the same
    microsecond).
    """
    field = ordering.field
    smaller = ordering.descending == forwards
    if smaller:
        return Q(**{f"{field}__lte": value}) & (Q(**{f"{field}__lt": value}) | Q(id__lt=pk))
    return Q(**{f"{field}__gte": value}) & (Q(**{f"{field}__gt": value}) | Q(id__gt=pk))


def keyset_window(
    queryset: QuerySet[Any],
    *,
    after: str | None,
    before: str | None,
    number: int,
    size: int,
    ordering: Ordering = NEWEST_FIRST,
) -> KeysetWindow:
    """The page after or before a cursor in ``ordering``; the first page without.

    An unreadable cursor gives the first page, as an odd page number does.
    """
    sign = "-" if ordering.descending else ""
    back_sign = "" if ordering.descending else "-"
    in_order = queryset.order_by(f"{sign}{ordering.field}", f"{sign}id")
    position = _position(after, ordering) or _position(before, ordering)
    going_back = position is not None and _position(after, ordering) is None
    if position is None:
        rows = list(in_order[: size + 1])
        shown, more_after, more_before, number = rows[:size], len(rows) > size, False, 1
    elif not going_back:
        value, pk = position
        rows = list(in_order.filter(_beyond(ordering, value, pk, forwards=True))[: size + 1])
        shown, more_after, more_before = rows[:size], len(rows) > size, True
    else:
        value, pk = position
        reverse = queryset.order_by(f"{back_sign}{ordering.field}", f"{back_sign}id")
        rows = list(reverse.filter(_beyond(ordering, value, pk, forwards=False))[: size + 1])
        shown, more_after, more_before = rows[:size][::-1], True, len(rows) > size
    number = max(number, 1)
    if not more_before:
        number = 1
    elif number == 1:
        number = 2
    next_query = ""
    if shown:
        next_query = urlencode({"after": cursor_for(shown[-1], ordering), "page": number + 1})
    previous_query = ""
    if more_before and shown and number > 2:
        previous_query = urlencode({"before": cursor_for(shown[0], ordering), "page": number - 1})
    return KeysetWindow(
        object_list=shown,
        number=number,
        has_next=more_after and bool(shown),
        has_previous=more_before,
        next_query=next_query,
        previous_query=previous_query,
    )


def _linked_pages(schema: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI schema of a page: its rows and the links to the pages beside it."""
    return {
        "type": "object",
        "required": ["results"],
        "properties": {
            "next": {"type": "string", "nullable": True, "format": "uri"},
            "previous": {"type": "string", "nullable": True, "format": "uri"},
            "results": schema,
        },
    }


class WindowPagination(BasePagination):
    """DRF pagination with ``next``/``previous`` links and no ``count``."""

    page_size = 50
    page_query_param = "page"

    def paginate_queryset(
        self, queryset: Any, request: Request, view: Any = None
    ) -> list[Any] | None:
        self.request = request
        self.window = window(
            queryset, page_number(request.query_params.get(self.page_query_param)), self.page_size
        )
        return self.window.object_list

    def _link(self, number: int) -> str:
        url = self.request.build_absolute_uri()
        if number == 1:
            return str(remove_query_param(url, self.page_query_param))
        return str(replace_query_param(url, self.page_query_param, number))

    def get_paginated_response(self, data: Any) -> Response:
        page = self.window
        return Response(
            {
                "next": self._link(page.next_page_number) if page.has_next else None,
                "previous": self._link(page.previous_page_number) if page.has_previous else None,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return _linked_pages(schema)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Page number, from 1.",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
            }
        ]


class KeysetPagination(BasePagination):
    """DRF pagination by position (``keyset_window``): ``next``/``previous`` links carry a
    cursor, so page 100 costs what page 1 costs. The view sets ``ordering`` before paging."""

    page_size = 50
    ordering = NEWEST_FIRST

    def paginate_queryset(
        self, queryset: Any, request: Request, view: Any = None
    ) -> list[Any] | None:
        self.request = request
        params = request.query_params
        self.window = keyset_window(
            queryset,
            after=params.get("after"),
            before=params.get("before"),
            number=page_number(params.get("page")),
            size=self.page_size,
            ordering=self.ordering,
        )
        return self.window.object_list

    def _link(self, query: str) -> str:
        url = self.request.build_absolute_uri()
        for name in ("after", "before", "page"):
            url = remove_query_param(url, name)
        if not query:
            return str(url)
        return f"{url}{'&' if '?' in url else '?'}{query}"

    def get_paginated_response(self, data: Any) -> Response:
        page = self.window
        return Response(
            {
                "next": self._link(page.next_query) if page.has_next else None,
                "previous": self._link(page.previous_query) if page.has_previous else None,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return _linked_pages(schema)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        cursor = {"type": "string", "maxLength": 100}
        return [
            {
                "name": "after",
                "required": False,
                "in": "query",
                "description": "The position of the last row of the previous page (from next).",
                "schema": cursor,
            },
            {
                "name": "before",
                "required": False,
                "in": "query",
                "description": "The position of the first row of the next page (from previous).",
                "schema": cursor,
            },
            {
                "name": "page",
                "required": False,
                "in": "query",
                "description": "The number of the page, only shown: the cursor decides the rows.",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
            },
        ]

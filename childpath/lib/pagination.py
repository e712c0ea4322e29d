"""Pages without COUNT(*): lists fetch one row more than they show to know if a next page
exists. Counting every case a user may see costs more than the page itself once there are
100,000 cases (BENCHMARKS.md), and nobody needs "page 3 of 4,000" to find a child.

``keyset_window`` goes further for lists ordered newest first: the links carry the position
of the last (or first) row shown, and the next page starts there through the index, so page
500 costs what page 1 costs. ``window`` (OFFSET) reads and skips every row before the page.
"""

import base64
import binascii
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
    """One page of a list ordered by (``-created_at``, ``-id``), with links by position.

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


def cursor_for(row: Any) -> str:
    """The opaque position of a row: its creation time and id, nothing about the child."""
    raw = f"{row.created_at.isoformat()}|{row.pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _position(raw: str | None) -> tuple[datetime, int] | None:
    """The (created_at, id) a cursor names, or None for anything that is not one."""
    if not raw or len(raw) > 100:
        return None
    try:
        decoded = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode()
        stamp, _, pk = decoded.partition("|")
        at = datetime.fromisoformat(stamp)
        number = int(pk)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    if at.tzinfo is None or not 0 < number < 2**63:
        return None
    return at, number


def keyset_window(
    queryset: QuerySet[Any],
    *,
    after: str | None,
    before: str | None,
    number: int,
    size: int,
) -> KeysetWindow:
    """The page after (older than) or before (newer than) a cursor; the first page without.

    An unreadable cursor gives the first page, as an odd page number does.
    """
    newest_first = queryset.order_by("-created_at", "-id")
    position = _position(after) or _position(before)
    going_back = position is not None and _position(after) is None
    if position is None:
        rows = list(newest_first[: size + 1])
        shown, more_older, more_newer, number = rows[:size], len(rows) > size, False, 1
    elif not going_back:
        at, pk = position
        # ``created_at <= at`` on its own lets the index start at the position; the OR only
        # breaks ties between cases registered in the same microsecond.
        older = Q(created_at__lte=at) & (Q(created_at__lt=at) | Q(id__lt=pk))
        rows = list(newest_first.filter(older)[: size + 1])
        shown, more_older, more_newer = rows[:size], len(rows) > size, True
    else:
        at, pk = position
        oldest_first = queryset.order_by("created_at", "id")
        newer = Q(created_at__gte=at) & (Q(created_at__gt=at) | Q(id__gt=pk))
        rows = list(oldest_first.filter(newer)[: size + 1])
        shown, more_older, more_newer = rows[:size][::-1], True, len(rows) > size
    number = max(number, 1)
    if not more_newer:
        number = 1
    elif number == 1:
        number = 2
    next_query = urlencode({"after": cursor_for(shown[-1]), "page": number + 1}) if shown else ""
    previous_query = ""
    if more_newer and shown:
        previous_query = (
            urlencode({"before": cursor_for(shown[0]), "page": number - 1}) if number > 2 else ""
        )
    return KeysetWindow(
        object_list=shown,
        number=number,
        has_next=more_older and bool(shown),
        has_previous=more_newer,
        next_query=next_query,
        previous_query=previous_query,
    )


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
        return {
            "type": "object",
            "required": ["results"],
            "properties": {
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }

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

"""Pages without COUNT(*): lists fetch one row more than they show to know if a next page
exists. Counting every case a user may see costs more than the page itself once there are
100,000 cases (BENCHMARKS.md), and nobody needs "page 3 of 4,000" to find a child."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
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

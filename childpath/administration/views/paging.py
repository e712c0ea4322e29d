from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PER_PAGE = 50


def page_of(request: HttpRequest, rows: "QuerySet[Any]") -> Page:  # type: ignore[type-arg]
    """One page of an administration list (these lists are hundreds of rows, not millions)."""
    return Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))

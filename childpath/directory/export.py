"""Model instances as HSDS v3 JSON objects, following a shape of hsds/shapes.py.

Querysets are prefetched along the shape, and the attributes and metadata of every object
written are fetched at the end in two queries, so a page costs the same number of queries
whatever its size. Empty optional fields are left out, as HSDS allows (a JSON null would not
validate against the schemas, which type every field).
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, QuerySet

from childpath.directory.hsds.shapes import ATTRIBUTE, METADATA, Shape
from childpath.directory.hsds.spec import BY_NAME
from childpath.directory.models import Attribute, Metadata


def _value(value: Any) -> Any:
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


class Exporter:
    def __init__(self) -> None:
        # Objects written so far that carry attributes and metadata, by id.
        self._pending: dict[str, list[dict[str, Any]]] = defaultdict(list)

    def prefetch(self, queryset: QuerySet[Any], shape: Shape) -> QuerySet[Any]:
        return queryset.prefetch_related(*shape.lookups())

    def one(self, obj: Model, shape: Shape) -> dict[str, Any]:
        data = self._object(obj, shape)
        self._finish()
        return data

    def many(self, objects: Iterable[Model], shape: Shape) -> list[dict[str, Any]]:
        data = [self._object(obj, shape) for obj in objects]
        self._finish()
        return data

    def _object(self, obj: Model, shape: Shape) -> dict[str, Any]:
        table = BY_NAME[shape.table]
        data: dict[str, Any] = {}
        for spec in table.fields:
            value = getattr(obj, spec.model_name)
            if value is None or (value == "" and not spec.required):
                continue
            data[spec.name] = _value(value)
        for key, child in shape.many.items():
            data[key] = [self._object(item, child) for item in getattr(obj, key).all()]
        for key, child in shape.one.items():
            try:
                related = getattr(obj, key)
            except ObjectDoesNotExist:  # a soft reference to a record we do not hold
                related = None
            if related is not None:
                data[key] = self._object(related, child)
        if shape.extras:
            data["attributes"], data["metadata"] = [], []
            self._pending[data["id"]].append(data)
        return data

    def _finish(self) -> None:
        ids = list(self._pending)
        if not ids:
            return
        attributes = Attribute.objects.filter(link_id__in=ids).select_related(
            "taxonomy_term__taxonomy_detail"
        )
        for attribute in attributes.order_by("id"):
            written = self._object(attribute, ATTRIBUTE)
            for data in self._pending[str(attribute.link_id)]:
                data["attributes"].append(written)
        for entry in Metadata.objects.filter(resource_id__in=ids).order_by("id"):
            written = self._object(entry, METADATA)
            for data in self._pending[str(entry.resource_id)]:
                data["metadata"].append(written)
        self._pending.clear()

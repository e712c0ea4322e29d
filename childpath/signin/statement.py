"""One statement for a device, its user and the user's organisation, built once per process.

It is what ``Device.objects.select_related("user__organisation").filter(pk=..., user_id=...,
confirmed=True)`` reads, every column of the three models, but without building and compiling
that queryset on every request: on this project's benchmark machine the ORM's compilation
cost about 1 ms of the 2 ms the read took, on every signed-in request (issue 17,
BENCHMARKS.md). The values pass through the same converters the ORM applies (the backend's,
then the field's ``from_db_value``), and the instances are made by ``Model.from_db``, as
the ORM makes them. ``test_identity.py`` checks the result against the queryset's on both
databases.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django_otp.models import Device

Converter = Callable[[Any, Any, BaseDatabaseWrapper], Any]


@dataclass(frozen=True)
class _Part:
    # Typed loosely: django-stubs cannot follow a model class reached through a relation.
    model: Any
    fields: Sequence[Any]
    names: list[str]


@dataclass(frozen=True)
class _Statement:
    sql: str
    device: _Part
    user: _Part
    organisation: _Part


def _part(model: Any) -> _Part:
    fields = list(model._meta.concrete_fields)
    return _Part(model, fields, [field.attname for field in fields])


@cache
def _statement(model: Any, alias: str) -> _Statement:
    quote = connections[alias].ops.quote_name
    user_field = model._meta.get_field("user")
    user_model: Any = user_field.related_model
    organisation_field = user_model._meta.get_field("organisation")
    organisation_model: Any = organisation_field.related_model
    device, user, organisation = _part(model), _part(user_model), _part(organisation_model)

    def columns(part: _Part) -> str:
        table = quote(part.model._meta.db_table)
        return ", ".join(f"{table}.{quote(field.column)}" for field in part.fields)

    device_table = quote(model._meta.db_table)
    user_table = quote(user_model._meta.db_table)
    organisation_table = quote(organisation_model._meta.db_table)
    user_pk = quote(user_model._meta.pk.column)
    organisation_pk = quote(organisation_model._meta.pk.column)
    device_user = quote(user_field.column)
    user_organisation = quote(organisation_field.column)
    sql = (
        f"SELECT {columns(device)}, {columns(user)}, {columns(organisation)} "  # noqa: S608
        f"FROM {device_table} "
        f"INNER JOIN {user_table} ON {user_table}.{user_pk} = {device_table}.{device_user} "
        f"LEFT OUTER JOIN {organisation_table} "
        f"ON {organisation_table}.{organisation_pk} = {user_table}.{user_organisation} "
        f"WHERE {device_table}.{quote(model._meta.pk.column)} = %s "
        f"AND {device_table}.{device_user} = %s "
        f"AND {device_table}.{quote(model._meta.get_field('confirmed').column)} = %s"
    )
    return _Statement(sql, device, user, organisation)


def _instance(
    part: _Part, values: Sequence[Any], alias: str, connection: BaseDatabaseWrapper
) -> Any:
    """``Model.from_db`` of the values after the ORM's converters for each column: the
    backend's, then the field's (``from_db_value``)."""
    converted = list(values)
    table = part.model._meta.db_table
    for index, field in enumerate(part.fields):
        column = field.get_col(table)
        converters: list[Converter] = connection.ops.get_db_converters(column)
        converters += field.get_db_converters(connection)
        for converter in converters:
            converted[index] = converter(converted[index], column, connection)
    return part.model.from_db(alias, part.names, converted)


def read(model: Any, pk: int, user_id: Any) -> Device | None:
    """The confirmed device ``pk`` of the user ``user_id``, with ``device.user`` and
    ``device.user.organisation`` loaded; None if there is no such device."""
    alias = router.db_for_read(model)
    connection = connections[alias]
    statement = _statement(model, alias)
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, [pk, user_id, True])
        row = cursor.fetchone()
    if row is None:
        return None
    device_end = len(statement.device.fields)
    user_end = device_end + len(statement.user.fields)
    device = _instance(statement.device, row[:device_end], alias, connection)
    user = _instance(statement.user, row[device_end:user_end], alias, connection)
    organisation_values = row[user_end:]
    # A user without an organisation: the outer join gave NULL for every column.
    organisation = (
        None
        if organisation_values[0] is None
        else _instance(statement.organisation, organisation_values, alias, connection)
    )
    user._meta.get_field("organisation").set_cached_value(user, organisation)
    model._meta.get_field("user").set_cached_value(device, user)
    assert isinstance(device, Device)
    return device

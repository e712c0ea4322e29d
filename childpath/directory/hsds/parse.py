"""HSDS v3 documents to flat tables, with every problem found. Pure: no Django, no files.

An HSDS JSON document nests records (a service holds its phones, its organization, its
service_at_locations with their locations...). ``Batch`` flattens them into one row per table
and id, as the tabular (CSV) form has them, filling in the links the nesting implies. A record
that appears more than once (the same phone under a service and under its contact) is merged;
different values for the same field are a conflict. Records with a problem are rejected and
listed; the caller decides what to do (the import service stores nothing if any is rejected).
"""

import math
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from childpath.directory.hsds.spec import BY_CSV, BY_NAME, Field, Table

# RFC 5545 lists: "MO,TU", "1MO,-1FR"; "1,15,-1".
BYDAY = re.compile(r"^[+-]?\d{0,2}(MO|TU|WE|TH|FR|SA|SU)$")
NUMBER_LIST = re.compile(r"^[+-]?\d{1,3}$")
LIST_FIELDS = {"byday": BYDAY, "bymonthday": NUMBER_LIST, "byweekno": NUMBER_LIST}
RANGES = {"latitude": 90.0, "longitude": 180.0}
MAX_DECIMAL = Decimal("9999999999.99")
# HSDS requires these keys; the directory also needs a value to show.
NOT_EMPTY = frozenset({"id", "name", "number", "identifier", "link_id"})


@dataclass(frozen=True)
class Problem:
    """Why a record was rejected (or, for warnings, what was changed on the way in)."""

    table: str
    record_id: str
    where: str
    code: str
    field: str = ""
    value: str = ""


@dataclass
class Batch:
    rows: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    where: dict[tuple[str, str], str] = field(default_factory=dict)
    rejected: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def count(self) -> int:
        return sum(len(rows) for rows in self.rows.values())


class BadValue(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _short(raw: Any) -> str:
    text = repr(raw) if not isinstance(raw, str) else raw
    return text if len(text) <= 60 else text[:57] + "..."


def coerce(spec: Field, raw: Any) -> Any:
    """A JSON or CSV value as the Python value of the field; ``BadValue`` if it cannot be."""
    kind = spec.kind
    if raw is None or (raw == "" and (kind != "text" or spec.choices)):
        return None
    if kind == "uuid":
        if not isinstance(raw, str):
            raise BadValue("not_uuid")
        try:
            return str(uuid.UUID(raw))
        except ValueError:
            raise BadValue("not_uuid") from None
    if kind == "text":
        return _text(spec, raw)
    if kind in ("int", "number", "decimal"):
        return _number(kind, raw)
    if not isinstance(raw, str):
        raise BadValue(f"not_{kind}")
    try:
        if kind == "date":
            return date.fromisoformat(raw.strip())
        if kind == "time":
            return time.fromisoformat(raw.strip()).replace(tzinfo=None)
        moment = datetime.fromisoformat(raw.strip())
    except ValueError:
        raise BadValue(f"not_{kind}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _text(spec: Field, raw: Any) -> str:
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise BadValue("not_text")
    text = str(raw)
    if spec.choices:
        text = text.strip()
        wanted = {choice.casefold(): choice for choice in spec.choices}
        if text.casefold() not in wanted:
            raise BadValue("not_choice")
        return wanted[text.casefold()]
    if spec.name in LIST_FIELDS:
        items = [item.strip().upper() for item in text.split(",") if item.strip()]
        if not all(LIST_FIELDS[spec.name].match(item) for item in items):
            raise BadValue("not_rule")
        return ",".join(items)
    return text


def _number(kind: str, raw: Any) -> int | float | Decimal:
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise BadValue(f"not_{kind}")
    try:
        number = Decimal(str(raw).strip())
    except InvalidOperation:
        raise BadValue(f"not_{kind}") from None
    if not number.is_finite():
        raise BadValue(f"not_{kind}")
    if kind == "int":
        if number != number.to_integral_value():
            raise BadValue("not_int")
        if number < 0 or number > 2_000_000_000:
            raise BadValue("out_of_range")
        return int(number)
    if kind == "decimal":
        if abs(number) > MAX_DECIMAL or number != number.quantize(Decimal("0.01")):
            raise BadValue("out_of_range")
        return number.quantize(Decimal("0.01"))
    value = float(number)
    if not math.isfinite(value):
        raise BadValue("not_number")
    return value


def guess_table(obj: Mapping[str, Any]) -> str | None:
    """Which HSDS object a top-level JSON object is, from the keys only it has."""
    keys = set(obj)
    if keys & {"status", "service_areas", "cost_options", "required_documents"}:
        return "service"
    if keys & {"location_type", "addresses", "accessibility", "transportation"}:
        return "location"
    if keys & {"service", "location"} and "name" not in keys:
        return "service_at_location"
    if keys & {"code", "taxonomy_detail", "term_uri", "parent_id", "taxonomy_id"}:
        return "taxonomy_term"
    if "version" in keys and keys <= {"id", "name", "description", "uri", "version", "metadata"}:
        return "taxonomy"
    if "name" in keys:
        return "organization"
    return None


def table_from_filename(name: str) -> str | None:
    """A hint from a file name such as ``service_at_location_list.json``."""
    stem = name.rsplit("/", 1)[-1].lower()
    for prefix, table in (
        ("taxonomy_term", "taxonomy_term"),
        ("taxonom", "taxonomy"),
        ("service_at_location", "service_at_location"),
        ("organization", "organization"),
        ("service", "service"),
        ("location", "location"),
    ):
        if stem.startswith(prefix):
            return table
    return None


def is_api_root(doc: Mapping[str, Any]) -> bool:
    """The HSDS API's ``/`` answer (version, profile, openapi_url): metadata, no records."""
    return "id" not in doc and bool(set(doc) & {"openapi_url", "profile"})


class Reader:
    """Adds documents to a batch, reporting each problem where it was found."""

    def __init__(self, batch: Batch | None = None) -> None:
        self.batch = batch or Batch()

    def document(self, doc: Any, where: str, hint: str | None = None) -> None:
        """A parsed JSON file: one object, a list, an API page, or the tabular JSON form."""
        if isinstance(doc, list):
            for i, item in enumerate(doc):
                self._top(item, f"{where}[{i}]", hint)
        elif isinstance(doc, dict) and isinstance(doc.get("contents"), list):
            for i, item in enumerate(doc["contents"]):
                self._top(item, f"{where}: contents[{i}]", hint)
        elif isinstance(doc, dict) and doc and all(key in BY_CSV for key in doc):
            for name, rows in doc.items():
                self.rows(BY_CSV[name], rows, f"{where}: {name}")
        elif isinstance(doc, dict) and is_api_root(doc):
            return
        else:
            self._top(doc, where, hint)

    def rows(self, table: Table, rows: Any, where: str, first_line: int = 0) -> None:
        """Flat rows of one table, from CSV (strings) or the tabular JSON form."""
        if not isinstance(rows, list):
            self._reject(table.name, "", where, "not_list")
            return
        for i, row in enumerate(rows):
            place = f"{where} line {first_line + i}" if first_line else f"{where}[{i}]"
            if first_line and isinstance(row, dict):
                # CSV cannot tell an empty value from none: an empty cell is no value.
                row = {key: None if value == "" else value for key, value in row.items()}
            self.record(table, row, place)

    def _top(self, obj: Any, where: str, hint: str | None) -> None:
        name = hint or (guess_table(obj) if isinstance(obj, dict) else None)
        if name is None:
            self._reject("", "", where, "unknown_kind")
            return
        self.record(BY_NAME[name], obj, where)

    def record(
        self,
        table: Table,
        obj: Any,
        where: str,
        links: Mapping[str, Any] | None = None,
        defaults: Mapping[str, Any] | None = None,
    ) -> str | None:
        """One record and what it nests; returns its id, or None if it has none."""
        if not isinstance(obj, dict):
            self._reject(table.name, "", where, "not_object")
            return None
        row, problems = self._fields(table, obj, where)
        record_id: str | None = row.get("id")
        if record_id is None:
            if "id" not in {p.field for p in problems}:
                problems.append(Problem(table.name, "", where, "missing", "id"))
            for problem in problems:
                self.batch.rejected.append(problem)
            return None
        problems = [
            Problem(p.table, record_id, p.where, p.code, p.field, p.value) for p in problems
        ]
        for name, value in (links or {}).items():
            if row.get(name) not in (None, value):
                problems.append(Problem(table.name, record_id, where, "conflict", name))
            row[name] = value
        for name, value in (defaults or {}).items():
            row.setdefault(name, value)
        self._nested(table, obj, row, where, problems)
        if set(obj) <= {"id"} and not links:
            return record_id  # a bare reference to a record defined elsewhere
        invalid = {p.field for p in problems}
        for name in table.required:
            empty = row.get(name) is None or (name in NOT_EMPTY and row[name] == "")
            if empty and name not in invalid:
                problems.append(Problem(table.name, record_id, where, "missing", name))
        self._check(table, row, where, problems)
        if problems:
            self.batch.rejected.extend(problems)
        else:
            self._merge(table, row, where)
        return record_id

    def _fields(
        self, table: Table, obj: Mapping[str, Any], where: str
    ) -> tuple[dict[str, Any], list[Problem]]:
        row: dict[str, Any] = {}
        problems = []
        for spec in table.fields:
            if spec.name not in obj:
                continue
            try:
                row[spec.name] = coerce(spec, obj[spec.name])
            except BadValue as bad:
                problems.append(
                    Problem(table.name, "", where, bad.code, spec.name, _short(obj[spec.name]))
                )
        return row, problems

    def _nested(
        self,
        table: Table,
        obj: Mapping[str, Any],
        row: dict[str, Any],
        where: str,
        problems: list[Problem],
    ) -> None:
        parent = row["id"]
        for nest in table.nests:
            value = obj.get(nest.key)
            if value is None:
                continue
            child = BY_NAME[nest.table]
            place = _join(where, nest.key)
            if nest.how == "one":
                child_id = self.record(child, value, place)
                if child_id is not None:
                    if row.get(nest.link) not in (None, child_id):
                        problems.append(Problem(table.name, parent, where, "conflict", nest.link))
                    row[nest.link] = child_id
                continue
            if not isinstance(value, list):
                problems.append(Problem(table.name, parent, where, "not_list", nest.key))
                continue
            links, defaults = _links(nest.how, nest.link, parent, table.name)
            for i, item in enumerate(value):
                self.record(child, item, f"{place}[{i}]", links, defaults)

    def _check(
        self, table: Table, row: dict[str, Any], where: str, problems: list[Problem]
    ) -> None:
        """Rules across fields, and coordinates that cannot be on Earth."""
        record_id = row["id"]
        low, high = row.get("minimum_age"), row.get("maximum_age")
        if low is not None and high is not None and low > high:
            problems.append(Problem(table.name, record_id, where, "age_range", "minimum_age"))
        for name, limit in RANGES.items():
            value = row.get(name)
            if table.name == "location" and value is not None and abs(value) > limit:
                # Kept without coordinates: a wrong point would give wrong distances.
                self.batch.warnings.append(
                    Problem(table.name, record_id, where, "dropped_coordinate", name, str(value))
                )
                row["latitude"] = row["longitude"] = None

    def _merge(self, table: Table, row: dict[str, Any], where: str) -> None:
        rows = self.batch.rows.setdefault(table.name, {})
        record_id = row["id"]
        existing = rows.get(record_id)
        if existing is None:
            rows[record_id] = row
            self.batch.where[(table.name, record_id)] = where
            return
        for name, value in row.items():
            old = existing.get(name)
            if value is not None and old is not None and old != value:
                self.batch.rejected.append(
                    Problem(table.name, record_id, where, "conflict", name, _short(value))
                )
            elif value is not None or name not in existing:
                existing[name] = value

    def _reject(self, table: str, record_id: str, where: str, code: str) -> None:
        self.batch.rejected.append(Problem(table, record_id, where, code))


def _join(where: str, key: str) -> str:
    """``file.json: services[0].phones`` from ``file.json`` or ``file.json: services[0]``."""
    return f"{where}.{key}" if ": " in where else f"{where}: {key}"


def _links(how: str, link: str, parent: str, entity: str) -> tuple[dict[str, Any], dict[str, Any]]:
    if how == "attribute":
        return {"link_id": parent}, {"link_entity": entity}
    if how == "metadata":
        return {"resource_id": parent}, {"resource_type": entity}
    return {link: parent}, {}


def read_documents(documents: Iterable[tuple[Any, str, str | None]]) -> Batch:
    """Convenience for tests: (document, where, hint) triples into one batch."""
    reader = Reader()
    for doc, where, hint in documents:
        reader.document(doc, where, hint)
    return reader.batch

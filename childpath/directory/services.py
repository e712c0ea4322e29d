"""Every change to the directory: one transaction, its audit event inside (STYLE.md 2).

The directory holds no case data, so its audit events carry no case reference; they say who
imported what, and when.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar
from uuid import UUID

from django.db import models, transaction

from childpath.accounts.models import Organisation, User
from childpath.audit.services import record
from childpath.directory import models as directory_models
from childpath.directory.eligibility import derive
from childpath.directory.hsds.parse import Batch, Problem, Reader
from childpath.directory.hsds.spec import BY_NAME, TABLES, Table
from childpath.directory.models import (
    Attribute,
    CostOption,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
)
from childpath.directory.taxonomy_data import hsds_taxonomies

# SQLite allows 999 parameters per statement in older builds; stay well below.
CHUNK = 500
FLAG_FIELDS = ("emergency", "always_open", "trafficking_specialist", "gender", "free_of_charge")
SEARCH_FIELDS = (
    "active",
    "sort_name",
    "latitude",
    "longitude",
    "remote",
    "minimum_age",
    "maximum_age",
    "emergency",
    "always_open",
    "gender",
    "needs",
)
T = TypeVar("T")


@dataclass(frozen=True)
class ImportReport:
    created: dict[str, int]
    updated: dict[str, int]
    rejected: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    # The services this import added, changed, and stopped (active before, not any more): the
    # ids, for a report that names them.
    services_added: tuple[str, ...] = ()
    services_updated: tuple[str, ...] = ()
    services_retired: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.rejected


def _model(table: Table) -> type[models.Model]:
    model: type[models.Model] = getattr(directory_models, table.model)
    return model


def _chunks(items: Iterable[T]) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _existing(model: type[models.Model], ids: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(ids):
        found.update(
            str(pk)
            for pk in model._default_manager.filter(pk__in=chunk).values_list("pk", flat=True)
        )
    return found


def _known(batch: Batch, table: str, ids: set[str]) -> set[str]:
    """Which of these ids the batch or the database holds."""
    in_batch = ids & set(batch.rows.get(table, {}))
    return in_batch | _existing(_model(BY_NAME[table]), ids - in_batch)


def _unresolved(batch: Batch, hard: bool) -> list[Problem]:
    """References to records neither the batch nor the database holds."""
    problems = []
    for table in TABLES:
        rows = batch.rows.get(table.name, {})
        refs = [f for f in table.fields if f.ref and f.hard == hard]
        if not rows or not refs:
            continue
        stored = _existing(_model(table), rows) if hard else set()
        for spec in refs:
            wanted = {row[spec.name] for row in rows.values() if row.get(spec.name)}
            known = _known(batch, spec.ref, wanted)
            for record_id, row in rows.items():
                value = row.get(spec.name)
                where = batch.where[(table.name, record_id)]
                if value is None and hard and (spec.name in row or record_id not in stored):
                    problems.append(Problem(table.name, record_id, where, "missing", spec.name))
                elif value is not None and value not in known:
                    code = "unknown_ref" if hard else "dangling_ref"
                    problems.append(Problem(table.name, record_id, where, code, spec.name, value))
    return problems


def _values(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    values = {}
    for name, value in row.items():
        spec = table.get(name)
        if spec is None:
            continue
        values[spec.model_name] = "" if value is None and spec.kind == "text" else value
    return values


def _stored(model: type[models.Model], ids: Iterable[str]) -> dict[str, models.Model]:
    found: dict[str, models.Model] = {}
    for chunk in _chunks(ids):
        found.update((str(obj.pk), obj) for obj in model._default_manager.filter(pk__in=chunk))
    return found


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, UUID) or isinstance(new, UUID):
        return str(old) == str(new)
    return bool(old == new)


def _write(table: Table, rows: dict[str, dict[str, Any]]) -> tuple[list[str], list[str]]:
    """Create the new records and update the changed ones; (created ids, updated ids)."""
    model = _model(table)
    stored = _stored(model, rows)
    new = [model(**_values(table, row)) for pk, row in rows.items() if pk not in stored]
    model._default_manager.bulk_create(new, batch_size=CHUNK)
    groups: dict[tuple[str, ...], list[models.Model]] = defaultdict(list)
    for pk, obj in stored.items():
        values = _values(table, rows[pk])
        changed = sorted(
            name for name, value in values.items() if not _same(getattr(obj, name), value)
        )
        for name in changed:
            setattr(obj, name, values[name])
        if changed:
            groups[tuple(changed)].append(obj)
    for fields, objects in groups.items():
        model._default_manager.bulk_update(objects, fields, batch_size=CHUNK)
    updated = [str(obj.pk) for objects in groups.values() for obj in objects]
    return [str(obj.pk) for obj in new], updated


def _active_before(batch: Batch) -> set[str]:
    """The batch's services that are stored and active, before the import writes."""
    ids = list(batch.rows.get("service", {}))
    found: set[str] = set()
    for chunk in _chunks(ids):
        stored = Service.objects.filter(pk__in=chunk, status=directory_models.ServiceStatus.ACTIVE)
        found.update(str(pk) for pk in stored.values_list("pk", flat=True))
    return found


def _affected_services(batch: Batch) -> set[str]:
    rows = batch.rows
    ids = set(rows.get("service", {}))
    ids |= {r["service_id"] for r in rows.get("service_at_location", {}).values()}
    for table in ("schedule", "cost_option"):
        ids |= {r["service_id"] for r in rows.get(table, {}).values() if r.get("service_id")}
    ids |= {r["link_id"] for r in rows.get("attribute", {}).values()}
    places = {
        r["service_at_location_id"]
        for r in rows.get("schedule", {}).values()
        if r.get("service_at_location_id")
    }
    for chunk in _chunks(places):
        ids |= {
            str(pk)
            for pk in ServiceAtLocation.objects.filter(pk__in=chunk).values_list(
                "service_id", flat=True
            )
        }
    return ids


def _codes(link_ids: list[str]) -> dict[str, set[str]]:
    codes: dict[str, set[str]] = defaultdict(set)
    pairs = Attribute.objects.filter(link_id__in=link_ids, taxonomy_term__isnull=False)
    for link_id, code in pairs.values_list("link_id", "taxonomy_term__code"):
        codes[str(link_id)].add(code)
    return codes


def _refresh_places(service_ids: list[str], location_ids: list[str]) -> None:
    """Copy what the search reads onto the services at these services and locations."""
    ids: set[str] = set()
    for field, chunked in (("service_id", service_ids), ("location_id", location_ids)):
        for chunk in _chunks(chunked):
            found = ServiceAtLocation.objects.filter(**{f"{field}__in": chunk})
            ids |= {str(pk) for pk in found.values_list("pk", flat=True)}
    for chunk in _chunks(sorted(ids)):
        changed = []
        places = list(
            ServiceAtLocation.objects.filter(pk__in=chunk).select_related("service", "location")
        )
        codes = _codes([str(place.service_id) for place in places])
        for place in places:
            values = place.search_columns(codes[str(place.service_id)])
            if any(getattr(place, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(place, name, value)
                changed.append(place)
        ServiceAtLocation.objects.bulk_update(changed, SEARCH_FIELDS, batch_size=CHUNK)


def refresh_flags(service_ids: Iterable[str], location_ids: Iterable[str]) -> None:
    """Recompute what search filters on (eligibility.py) for these services and locations."""
    service_ids, location_ids = list(service_ids), list(location_ids)
    _refresh_services(service_ids)
    _refresh_locations(location_ids)
    _refresh_places(service_ids, location_ids)


def _refresh_services(service_ids: list[str]) -> None:
    for chunk in _chunks(service_ids):
        services = list(Service.objects.filter(pk__in=chunk))
        codes = _codes(chunk)
        rules = defaultdict(list)
        schedules = Schedule.objects.filter(
            models.Q(service_id__in=chunk) | models.Q(service_at_location__service_id__in=chunk)
        ).annotate(via=models.F("service_at_location__service_id"))
        for schedule in schedules:
            rules[str(schedule.service_id or schedule.via)].append(schedule.as_rule())
        amounts = defaultdict(list)
        for service_id, amount in CostOption.objects.filter(service_id__in=chunk).values_list(
            "service_id", "amount"
        ):
            amounts[str(service_id)].append(amount)
        changed = []
        for service in services:
            key = str(service.pk)
            flags = derive(codes=codes[key], schedules=rules[key], amounts=amounts[key])
            if any(getattr(service, f) != getattr(flags, f) for f in FLAG_FIELDS):
                for name in FLAG_FIELDS:
                    setattr(service, name, getattr(flags, name))
                changed.append(service)
        Service.objects.bulk_update(changed, FLAG_FIELDS, batch_size=CHUNK)


def _refresh_locations(location_ids: list[str]) -> None:
    for chunk in _chunks(location_ids):
        codes = _codes(chunk)
        for step_free in (True, False):
            ids = [pk for pk in chunk if ("step_free_access" in codes[pk]) == step_free]
            Location.objects.filter(pk__in=ids).exclude(step_free=step_free).update(
                step_free=step_free
            )


def import_batch(*, actor: User | None, batch: Batch, source: str) -> ImportReport:
    """Store a parsed batch: everything, or nothing if any record is rejected.

    Records are matched by id, so importing the same file again updates instead of
    duplicating (and changes nothing, and records nothing, if the data are the same). Fields
    a record leaves out keep their stored values.
    """
    rejected = [*batch.rejected, *_unresolved(batch, hard=True)]
    if rejected:
        return ImportReport({}, {}, tuple(rejected), tuple(batch.warnings))
    warnings = (*batch.warnings, *_unresolved(batch, hard=False))
    created, updated = {}, {}
    changed: dict[str, tuple[list[str], list[str]]] = {}
    with transaction.atomic():
        active = _active_before(batch)
        for table in TABLES:
            if rows := batch.rows.get(table.name):
                changed[table.name] = _write(table, rows)
                created[table.name] = len(changed[table.name][0])
                updated[table.name] = len(changed[table.name][1])
        if not any(created.values()) and not any(updated.values()):
            # The same data again: nothing to refresh, nothing happened to audit.
            return ImportReport(created, updated, (), warnings)
        added, services_updated = changed.get("service", ([], []))
        service_rows = batch.rows.get("service", {})
        retired = [
            pk
            for pk in services_updated
            if pk in active
            and service_rows[pk].get("status", directory_models.ServiceStatus.ACTIVE)
            != directory_models.ServiceStatus.ACTIVE
        ]
        locations = set(batch.rows.get("location", {}))
        locations |= {r["link_id"] for r in batch.rows.get("attribute", {}).values()}
        refresh_flags(_affected_services(batch), _existing(Location, locations))
        record(
            actor=actor, action="directory.import", fields=sorted(batch.rows), purpose=source[:200]
        )
    return ImportReport(
        created,
        updated,
        (),
        warnings,
        services_added=tuple(added),
        services_updated=tuple(pk for pk in services_updated if pk not in retired),
        services_retired=tuple(retired),
    )


def ensure_taxonomies(*, actor: User | None = None) -> ImportReport:
    """The service types and eligibility terms Childpath ships (also loaded by migration)."""
    reader = Reader()
    reader.document(hsds_taxonomies(), "childpath/directory/taxonomy_data.py", "taxonomy_term")
    return import_batch(actor=actor, batch=reader.batch, source="taxonomy_data")


def link_organisation(
    *, actor: User | None, organization: Organization, organisation: Organisation | None
) -> Organization:
    """Name the Childpath organisation whose users receive referrals for these services."""
    with transaction.atomic():
        organization.organisation = organisation
        organization.save(update_fields=["organisation"])
        record(actor=actor, action="directory.link_organisation", fields=["organisation"])
    return organization


def set_accepts_children_directly(
    *, actor: User | None, services: Iterable[Service], accepts: bool
) -> int:
    """Show these services on the public help pages for children, or stop showing them.

    Returns how many services changed; nothing changed records nothing.
    """
    ids = [service.pk for service in services]
    with transaction.atomic():
        changed = (
            Service.objects.filter(pk__in=ids)
            .exclude(accepts_children_directly=accepts)
            .update(accepts_children_directly=accepts)
        )
        if changed:
            record(
                actor=actor,
                action="directory.accepts_children_directly",
                fields=["accepts_children_directly"],
                purpose=f"{'on' if accepts else 'off'}: {changed}",
            )
    return changed

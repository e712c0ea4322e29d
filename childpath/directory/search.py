"""Directory search: services at locations by need, place, language, age, open now, emergency.

The search page (URL name ``directory-search``, /directory/) reads these query string
parameters; every one is optional, and other apps link to the page with them:

- ``need``: a service type code (taxonomy_data.SERVICE_TYPE_CODES, e.g. ``safe_accommodation``,
  ``legal_aid``, ``guardian``) or the code of any imported HSDS taxonomy term.
- ``near``: a demo city key (cities.CITIES: ``norrvik``, ``ekby``, ``stockholm``, ``goteborg``,
  ``malmo``, ``uppsala``) or a point ``<latitude>,<longitude>`` (``59.33,18.07``).
- ``lat`` and ``lon``: the same point as two parameters (``near`` wins if both are given).
- ``radius``: kilometres from the point, 1 to 2000 (default 50). Virtual locations
  (helplines, online services) are found from anywhere.
- ``language``: an ISO 639 code (``ar``, ``sv``; ``ara`` and ``sv-SE`` work too).
- ``age``: the child's age in years; services whose HSDS minimum/maximum age exclude it miss.
- ``gender``: the child's, ``female`` or ``male``; "girls only" / "boys only" services miss.
- ``open_now=1``: must be open now (or 24/7); ``emergency=1``: must be an emergency service.
- ``case``: a case reference (``CP-XXXX-XXXX``). Each result then links to the referral form
  (URL name ``referral-new``) with ``?service_at_location=<uuid>``. The directory does not read
  the case; the referral form checks access.

The need and the place filter; the other criteria must all fit for a "full fit", and services
that miss some are listed after the full fits with what they miss (an interpreter can bridge a
language, a service without hours may still answer). Each result says why it fits.

Cost: five queries whatever the directory's size. ServiceAtLocation carries copies of what
the search filters and orders on (services.refresh_flags keeps them), so the full fits and the
partial fits are two reads of that one table and its indexes: a bounding box on latitude and
longitude first, exact haversine distances afterwards for the rows read only. Then the
schedules of those rows (open now), and the details (with the address) and languages of the
rows shown. See bench/bench_directory.py.
"""

import math
from collections import defaultdict
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from datetime import datetime
from typing import NamedTuple
from uuid import UUID

from django.db import connection
from django.db.models import (
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from childpath.directory.hours import Rule, applicable, is_open
from childpath.directory.models import (
    Address,
    Language,
    LocationType,
    Schedule,
    ServiceAtLocation,
)
from childpath.directory.ranking import (
    ALPHA3,
    Candidate,
    Query,
    Result,
    bounding_box,
    language_key,
    rank,
)

# The database orders full fits as ranking.py does (nearest, then by name), so it reads only as
# many rows as the page shows; "open now" needs the schedules, so it reads more to filter.
OPEN_NOW_OVERFETCH = 2
RULE_FIELDS = tuple(field.name for field in dataclass_fields(Rule))
FIELDS = (
    "id",
    "service_id",
    "location_id",
    "service__name",
    "service__description",
    "service__organization__name",
    "location__name",
    "location__latitude",
    "location__longitude",
    "location__location_type",
    "location__step_free",
    "service__minimum_age",
    "service__maximum_age",
    "service__emergency",
    "service__always_open",
    "service__gender",
    "service__free_of_charge",
    "service__trafficking_specialist",
    "needs",
)


class Key(NamedTuple):
    """What the search reads of a row before it knows the row is shown."""

    id: UUID
    service_id: UUID
    location_id: UUID
    always_open: bool


@dataclass(frozen=True)
class SearchResult:
    query: Query
    full: list[Result]
    partial: list[Result]


def _language_codes(code: str) -> list[str]:
    """The spellings of one language an HSDS file may use (``ar``, ``ara``, ``AR``)."""
    key = language_key(code)
    codes = {key, code.strip().lower()} | {
        alpha3 for alpha3, short in ALPHA3.items() if short == key
    }
    return sorted(codes | {c.upper() for c in codes})


def _base(query: Query) -> QuerySet[ServiceAtLocation]:
    """Active services at locations of the need, in the place: only this table's columns."""
    rows = ServiceAtLocation.objects.filter(active=True)
    if query.need:
        rows = rows.filter(needs__contains=f"|{query.need}|")
    if query.point is not None:
        min_lat, max_lat, min_lon, max_lon = bounding_box(query.point, query.radius_km)
        rows = rows.filter(
            Q(latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon))
            | Q(remote=True)
        )
    return rows


def _strict(rows: QuerySet[ServiceAtLocation], query: Query) -> QuerySet[ServiceAtLocation]:
    """The criteria SQL can check. "Open now" needs the schedules: ranking.py checks it on the
    rows read (OPEN_NOW_OVERFETCH times a page of them, nearest first)."""
    if query.language:
        rows = rows.filter(_speaks(_language_codes(query.language)))
    if query.age is not None:
        rows = rows.filter(
            Q(minimum_age__isnull=True) | Q(minimum_age__lte=query.age),
            Q(maximum_age__isnull=True) | Q(maximum_age__gte=query.age),
        )
    if query.emergency:
        rows = rows.filter(emergency=True)
    if query.gender:
        rows = rows.filter(gender__in=("", query.gender))
    return rows


def _speaks(codes: list[str]) -> Q:
    """Rows whose service or location lists one of these language codes.

    Written for each planner (bench/bench_directory.py): PostgreSQL hashes the two IN lists
    once and checks the rows of the place filter against them; SQLite would instead start from
    those lists (thousands of rows), so it gets correlated EXISTS, one index probe per row.
    """
    spoken = Language.objects.filter(code__in=codes)
    if connection.vendor == "sqlite":
        return Q(Exists(spoken.filter(service_id=OuterRef("service_id")))) | Q(
            Exists(spoken.filter(location_id=OuterRef("location_id")))
        )
    return Q(service_id__in=spoken.values("service_id")) | Q(
        location_id__in=spoken.values("location_id")
    )


def _keys(rows: QuerySet[ServiceAtLocation], query: Query, count: int) -> list[Key]:
    """The first ``count`` rows, nearest first (remote services count as here), else by name."""
    if query.point is None:
        ordered = rows.order_by("sort_name", "id")
    else:
        # Squared planar distance: orders like the true distance at this scale, and SQL can.
        lat, lon = query.point
        dlat = F("latitude") - Value(lat)
        dlon = (F("longitude") - Value(lon)) * Value(math.cos(math.radians(lat)))
        approx = ExpressionWrapper(
            Coalesce(dlat * dlat + dlon * dlon, Value(0.0)), output_field=FloatField()
        )
        ordered = rows.annotate(approx=approx).order_by("approx", "sort_name", "id")
    return [Key(*row) for row in ordered.values_list(*Key._fields)[:count]]


def _languages(service_ids: list[UUID], location_ids: list[UUID]) -> dict[str, set[str]]:
    """Languages by service id and by location id: those the language filter reads too.

    (HSDS also lists languages per phone line; a service that answers in a language says so
    on the service.)
    """
    spoken: dict[str, set[str]] = defaultdict(set)
    rows = (
        Language.objects.exclude(code="")
        .filter(Q(service_id__in=service_ids) | Q(location_id__in=location_ids))
        .values_list("service_id", "location_id", "code")
    )
    for service_id, location_id, code in rows:
        for owner in (service_id, location_id):
            if owner is not None:
                spoken[str(owner)].add(code)
    return spoken


def _rules(keys: list[Key]) -> dict[str, dict[str, list[Rule]]]:
    """Schedules by what they belong to: "sal", "service", "location" -> id -> rules."""
    found: dict[str, dict[str, list[Rule]]] = {
        "sal": defaultdict(list),
        "service": defaultdict(list),
        "location": defaultdict(list),
    }
    schedules = Schedule.objects.filter(
        Q(service_at_location_id__in=[k.id for k in keys])
        | Q(service_id__in=[k.service_id for k in keys])
        | Q(location_id__in=[k.location_id for k in keys])
    ).values_list("service_at_location_id", "service_id", "location_id", *RULE_FIELDS)
    for sal, service, location, *values in schedules:
        rule = Rule(**dict(zip(RULE_FIELDS, values, strict=True)))
        for key, owner in (("sal", sal), ("service", service), ("location", location)):
            if owner is not None:
                found[key][str(owner)].append(rule)
    return found


def open_now(keys: list[Key], now: datetime) -> dict[UUID, bool | None]:
    """Open at ``now`` (None: nobody can tell) for each row, from its schedules (one query)."""
    rules = _rules(keys)
    zone = timezone.get_current_timezone()
    states: dict[UUID, bool | None] = {}
    for key in keys:
        hours = applicable(
            rules["sal"][str(key.id)],
            rules["service"][str(key.service_id)],
            rules["location"][str(key.location_id)],
        )
        states[key.id] = True if key.always_open else is_open(hours, now, zone)
    return states


def candidates(keys: list[Key], states: dict[UUID, bool | None], need: str = "") -> list[Candidate]:
    """The rows to show as the plain candidates ranking.py reads (two queries).

    Every row offers ``need``: the database chose them for it.
    """
    addresses = Address.objects.filter(location_id=OuterRef("location_id")).order_by(
        "address_type", "id"
    )
    found = (
        ServiceAtLocation.objects.filter(pk__in=[k.id for k in keys])
        .annotate(
            street=Subquery(addresses.values("address_1")[:1]),
            city=Subquery(addresses.values("city")[:1]),
        )
        .values(*FIELDS, "street", "city")
    )
    rows = {row["id"]: row for row in found}
    # UUIDs, not strings: Django would parse every string of every IN list again.
    service_ids = list({k.service_id for k in keys})
    location_ids = list({k.location_id for k in keys})
    spoken = _languages(service_ids, location_ids)
    result = []
    for key in keys:
        r = rows[key.id]
        service, location = str(key.service_id), str(key.location_id)
        result.append(
            Candidate(
                id=str(key.id),
                service_id=service,
                name=r["service__name"],
                organization=r["service__organization__name"],
                location=r["location__name"],
                latitude=r["location__latitude"],
                longitude=r["location__longitude"],
                virtual=r["location__location_type"] == LocationType.VIRTUAL,
                needs=frozenset(r["needs"].strip("|").split("|")),
                languages=frozenset(spoken[service] | spoken[location]),
                minimum_age=r["service__minimum_age"],
                maximum_age=r["service__maximum_age"],
                emergency=r["service__emergency"],
                always_open=r["service__always_open"],
                open_now=states[key.id],
                gender=r["service__gender"],
                free_of_charge=r["service__free_of_charge"],
                trafficking_specialist=r["service__trafficking_specialist"],
                step_free=r["location__step_free"],
                description=r["service__description"],
                address=", ".join(part for part in (r["street"], r["city"]) if part),
            )
        )
    return result


def search(
    query: Query, *, now: datetime | None = None, limit: int = 20, partial_limit: int = 10
) -> SearchResult:
    """Ranked services at locations for the query; see the module docstring."""
    now = now or timezone.now()
    base = _base(query)
    wanted = limit * (OPEN_NOW_OVERFETCH if query.open_now else 1)
    fits = _keys(_strict(base, query), query, wanted)
    others: list[Key] = []
    if query.soft_criteria:
        seen = {key.id for key in fits}
        nearest = _keys(base, query, partial_limit + len(fits))
        others = [key for key in nearest if key.id not in seen]
    states = open_now(fits + others, now)
    if query.open_now:
        # Closed now, but fitting otherwise: among the partial fits, with what they miss.
        others = [key for key in fits if not states[key.id]] + others
        fits = [key for key in fits if states[key.id]]
    shown = fits[:limit] + others[: partial_limit * 2]
    ranked = rank(query, candidates(shown, states))
    full = [r for r in ranked if r.full_match]
    partial = [r for r in ranked if not r.full_match]
    return SearchResult(query=query, full=full[:limit], partial=partial[:partial_limit])


def parse_point(text: str) -> tuple[float, float] | None:
    """``"59.33,18.07"`` as a point, or None if it is not one on Earth."""
    try:
        lat_text, lon_text = text.split(",")
        lat, lon = float(lat_text), float(lon_text)
    except ValueError:
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and abs(lat) <= 90 and abs(lon) <= 180):
        return None
    return (lat, lon)

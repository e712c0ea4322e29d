"""What the help pages and the feedback results read. Every read here is of public directory
data or of aggregates; nothing reads a case."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from childpath.directory.hours import applicable
from childpath.directory.models import Address, Language, LocationType, Phone, ServiceAtLocation
from childpath.directory.ranking import bounding_box, haversine_km
from childpath.directory.search import Key, _rules, open_now
from childpath.help.hours import next_opening
from childpath.help.models import QUESTIONS, FeedbackAnswer, Helpline, LocalText
from childpath.help.needs import Need
from childpath.lib import geo

RADIUS_KM = 100
NEAR_LIMIT = 10
REMOTE_LIMIT = 10
# Organisations see feedback only from this many answers for the period shown (small cells,
# DOMAIN.md "Statistics and disclosure control": counts under 10 are not published).
MIN_ANSWERS = 10


# --- Places ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    key: str
    name: str
    point: tuple[float, float]


def _slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "place"


def places() -> list[Place]:
    """The towns where a service that accepts children directly has an address (one query)."""
    rows = (
        Address.objects.filter(
            location__service_at_locations__service__accepts_children_directly=True,
            location__service_at_locations__active=True,
            location__latitude__isnull=False,
            location__longitude__isnull=False,
        )
        .exclude(city="")
        .values("city")
        .annotate(lat=Avg("location__latitude"), lon=Avg("location__longitude"))
        .order_by("city")
    )
    return [Place(_slug(r["city"]), r["city"], (r["lat"], r["lon"])) for r in rows]


# --- Services for a need ----------------------------------------------------------------------


@dataclass
class Card:
    """One service as a child sees it."""

    id: str
    name: str
    organisation: str
    remote: bool
    needs: set[str]
    distance_km: float | None = None
    always_open: bool = False
    open_now: bool | None = None
    opens_next: datetime | None = None
    free: bool | None = None
    languages: list[str] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    web: str = ""
    address: str = ""
    process: str = ""

    kind: str = "support"  # which "what happens when you contact them" text fits


TEXTS = ("helpline", "safe_accommodation", "health", "legal_aid")


def _kind(needs: set[str], asked: tuple[str, ...]) -> str:
    """The text for what the child asked for first, else for what the service mainly is."""
    needs = needs | ({"health"} if "sexual_reproductive_health" in needs else set())
    for code in (*asked, *TEXTS):
        if code in needs and code in TEXTS:
            return code
    return "support"


def _web(*urls: str) -> str:
    """The first web address that is one (HSDS data come from others: no javascript: links)."""
    return next((url for url in urls if url.startswith(("https://", "http://"))), "")


@dataclass(frozen=True)
class Found:
    near: list[Card]
    remote: list[Card]


def _shown(need: Need) -> QuerySet[ServiceAtLocation]:
    wanted = Q()
    for code in need.codes:
        wanted |= Q(needs__contains=f"|{code}|")
    return ServiceAtLocation.objects.filter(
        wanted, active=True, service__accepts_children_directly=True
    )


def _cards(rows: Iterable[ServiceAtLocation], point: tuple[float, float] | None) -> list[Card]:
    cards = []
    for row in rows:
        service, location = row.service, row.location
        distance = None
        if point and row.latitude is not None and row.longitude is not None:
            distance = haversine_km(point, (row.latitude, row.longitude))
        cards.append(
            Card(
                id=str(row.pk),
                name=service.name,
                organisation=service.organization.name,
                remote=location.location_type == LocationType.VIRTUAL,
                needs=set(row.needs.strip("|").split("|")),
                distance_km=distance,
                always_open=service.always_open,
                free=service.free_of_charge,
                web=_web(location.url, service.url),
                process=service.application_process,
            )
        )
    return cards


def _details(rows: list[ServiceAtLocation], cards: list[Card], now: datetime) -> None:
    """Phones, languages, addresses and hours of the cards shown: four queries."""
    ids = [row.pk for row in rows]
    service_ids = list({row.service_id for row in rows})
    location_ids = list({row.location_id for row in rows})
    calls: dict[str, list[str]] = defaultdict(list)
    texts: dict[str, list[str]] = defaultdict(list)
    phones = Phone.objects.filter(
        Q(service_at_location_id__in=ids)
        | Q(service_id__in=service_ids)
        | Q(location_id__in=location_ids)
    ).values_list("service_at_location_id", "service_id", "location_id", "number", "type")
    for sal, service, location, number, kind in phones:
        target = texts if kind.lower() in ("text", "sms") else calls
        for owner in (sal, service, location):
            if owner is not None and number not in target[str(owner)]:
                target[str(owner)].append(number)
    spoken: dict[str, set[str]] = defaultdict(set)
    for service, location, code in (
        Language.objects.exclude(code="")
        .filter(Q(service_id__in=service_ids) | Q(location_id__in=location_ids))
        .values_list("service_id", "location_id", "code")
    ):
        for owner in (service, location):
            if owner is not None:
                spoken[str(owner)].add(code.lower())
    streets: dict[str, str] = {}
    for location, street, city in (
        Address.objects.filter(location_id__in=location_ids)
        .order_by("address_type", "id")
        .values_list("location_id", "address_1", "city")
    ):
        streets.setdefault(str(location), ", ".join(p for p in (street, city) if p))
    keys = [Key(row.pk, row.service_id, row.location_id, row.always_open) for row in rows]
    states = open_now(keys, now)
    rules = _rules(keys)
    zone = timezone.get_current_timezone()
    for row, key, card in zip(rows, keys, cards, strict=True):
        s, loc = str(row.service_id), str(row.location_id)
        card.calls = calls[str(row.pk)] or calls[s] or calls[loc]
        card.texts = texts[str(row.pk)] or texts[s] or texts[loc]
        card.languages = sorted(
            {geo.language_name(code) for code in spoken[s] | spoken[loc]}, key=str.casefold
        )
        card.address = "" if card.remote else streets.get(loc, "")
        card.open_now = states[key.id]
        if not card.always_open and card.open_now is False:
            hours = applicable(
                rules["sal"][str(key.id)], rules["service"][s], rules["location"][loc]
            )
            card.opens_next = next_opening(hours, now, zone)


def services_for(
    need: Need, point: tuple[float, float] | None, *, now: datetime | None = None
) -> Found:
    """Services that accept children directly for this need: the nearest places to walk in
    (within RADIUS_KM of the point, if one is given) and those reached by phone or online."""
    now = now or timezone.now()
    base = _shown(need).select_related("service__organization", "location")
    remote_rows = list(base.filter(remote=True).order_by("sort_name", "id")[:REMOTE_LIMIT])
    near_rows: list[ServiceAtLocation] = []
    if point is not None:
        min_lat, max_lat, min_lon, max_lon = bounding_box(point, RADIUS_KM)
        candidates = base.filter(
            remote=False,
            latitude__range=(min_lat, max_lat),
            longitude__range=(min_lon, max_lon),
        )[:200]
        within = [
            (haversine_km(point, (r.latitude, r.longitude)), r)
            for r in candidates
            if r.latitude is not None and r.longitude is not None
        ]
        within = [item for item in within if item[0] <= RADIUS_KM]
        within.sort(key=lambda item: (item[0], item[1].sort_name))
        near_rows = [row for _, row in within[:NEAR_LIMIT]]
    rows = near_rows + remote_rows
    cards = _cards(rows, point)
    for card in cards:
        card.kind = _kind(card.needs, need.codes)
    if rows:
        _details(rows, cards, now)
    return Found(near=cards[: len(near_rows)], remote=cards[len(near_rows) :])


# --- Local texts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    name: str
    purpose: str
    phone: str
    text: str
    website: str


def helplines(language: str) -> list[Line]:
    """The country's own lines, each in the child's language, else in English, else in any."""
    lines = Helpline.objects.filter(active=True).prefetch_related("texts")
    result = []
    for line in lines:
        texts = {t.language: t for t in line.texts.all()}  # type: ignore[attr-defined]
        chosen = texts.get(language) or texts.get("en") or next(iter(texts.values()), None)
        if chosen is None:
            continue
        result.append(Line(chosen.name, chosen.purpose, line.phone, line.text, line.website))
    return result


def local_texts(place: str, language: str) -> list[LocalText]:
    return list(LocalText.objects.filter(place=place, language=language, active=True))


# --- Feedback aggregates (for the organisation's page and for statistics) ----------------------


@dataclass(frozen=True)
class Aggregate:
    """Answers of one group: how many, and per question how many said no (1), a bit (2),
    yes (3); skipped questions are not counted."""

    answers: int
    questions: dict[str, dict[int, int]]
    organisation_id: UUID | None = None
    kind: str = ""

    def share(self, question: str, face: int) -> int:
        """Per cent of those who answered the question."""
        counts = self.questions.get(question, {})
        total = sum(counts.values())
        return round(100 * counts.get(face, 0) / total) if total else 0

    def answered(self, question: str) -> int:
        return sum(self.questions.get(question, {}).values())


def feedback_aggregates(
    *,
    start: date,
    end: date,
    organisation_id: UUID | None = None,
    by_organisation: bool = False,
    by_kind: bool = False,
    min_answers: int = MIN_ANSWERS,
) -> list[Aggregate]:
    """Children's feedback from ``start`` to ``end`` (months, inclusive), grouped as asked.

    For the statistics app (the barrier indicators) and the organisation's page. Groups with
    fewer than ``min_answers`` answers are left out (pass 0 to get every group, for example to
    apply one's own disclosure control). One query per question, plus one.
    """
    rows = FeedbackAnswer.objects.filter(month__gte=start.replace(day=1), month__lte=end)
    if organisation_id is not None:
        rows = rows.filter(organisation_id=organisation_id)
    group = [name for name, on in (("organisation_id", by_organisation), ("kind", by_kind)) if on]
    if group:
        totals = {
            tuple(r[g] for g in group): r["n"]
            for r in rows.values(*group).annotate(n=Count("id")).order_by(*group)
        }
    else:
        totals = {(): rows.count()}
    kept = {key: n for key, n in totals.items() if n >= min_answers}
    counts: dict[tuple[Any, ...], dict[str, dict[int, int]]] = defaultdict(
        lambda: {q: {} for q in QUESTIONS}
    )
    if kept:
        for question in QUESTIONS:
            answered = rows.exclude(**{f"{question}__isnull": True})
            for r in answered.values(*group, question).annotate(n=Count("id")).order_by():
                key = tuple(r[g] for g in group)
                if key in kept:
                    counts[key][question][r[question]] = r["n"]
    result = []
    for key, n in kept.items():
        values = dict(zip(group, key, strict=True))
        result.append(
            Aggregate(
                answers=n,
                questions=counts[key],
                organisation_id=values.get("organisation_id", organisation_id),
                kind=values.get("kind", ""),
            )
        )
    return result


def answer_count(*, organisation_id: UUID, start: date, end: date) -> int:
    return FeedbackAnswer.objects.filter(
        organisation_id=organisation_id, month__gte=start.replace(day=1), month__lte=end
    ).count()


def free_texts(*, organisation_id: UUID, start: date, end: date) -> list[str]:
    """The free texts of a period with enough answers, in no order that tells when they came."""
    if answer_count(organisation_id=organisation_id, start=start, end=end) < MIN_ANSWERS:
        return []
    texts = FeedbackAnswer.objects.filter(
        organisation_id=organisation_id, month__gte=start.replace(day=1), month__lte=end
    ).exclude(would_help="")
    return sorted((t.would_help for t in texts.only("would_help")), key=str.casefold)


def feedback_statistics(
    start: date,
    end: date,
    by_organisation: bool = True,
    by_kind: bool = True,
    min_answers: int = MIN_ANSWERS,
) -> dict[str, Any]:
    """``feedback_aggregates`` as plain rows, for the statistics app (slot "statistics",
    name "help.feedback"): the statistics app sits beside this one and reaches it only so.

    Each row: organisation (id as text, or None), kind, answers, and per question the counts of
    no (1), a bit (2) and yes (3). Groups under ``min_answers`` are left out; secondary
    suppression is the statistics app's own disclosure control.
    """
    rows = []
    for aggregate in feedback_aggregates(
        start=start,
        end=end,
        by_organisation=by_organisation,
        by_kind=by_kind,
        min_answers=min_answers,
    ):
        rows.append(
            {
                "organisation": str(aggregate.organisation_id)
                if aggregate.organisation_id
                else None,
                "kind": aggregate.kind,
                "answers": aggregate.answers,
                "questions": {
                    q: {face: aggregate.questions.get(q, {}).get(face, 0) for face in (1, 2, 3)}
                    for q in QUESTIONS
                },
            }
        )
    return {"rows": rows}

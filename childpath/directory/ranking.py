"""Which services fit a child's needs, why, and what does not fit. Pure: no Django.

``assess`` compares one service at a location with the query and says, criterion by criterion,
what fits (the need, the distance, the language, the age range, open now or 24/7) and what
does not; ``rank`` orders full fits first, nearest first. Distances are great-circle
(haversine); ``bounding_box`` gives the cheap prefilter the database applies before them.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

EARTH_RADIUS_KM = 6371.0088
# ISO 639-2/3 codes HSDS publishers use for the languages children here most often speak.
ALPHA3 = {
    "eng": "en", "swe": "sv", "ara": "ar", "fas": "fa", "per": "fa", "ukr": "uk", "rus": "ru",
    "bul": "bg", "srp": "sr", "spa": "es", "som": "so", "tir": "ti", "amh": "am", "pus": "ps",
    "kur": "ku", "tur": "tr", "fra": "fr", "fre": "fr", "deu": "de", "ger": "de", "pol": "pl",
    "ron": "ro", "rum": "ro", "alb": "sq", "sqi": "sq", "vie": "vi", "zho": "zh", "chi": "zh",
    "urd": "ur", "ben": "bn", "hin": "hi", "hun": "hu", "ita": "it", "por": "pt", "ell": "el",
    "gre": "el", "bos": "bs", "hrv": "hr", "mkd": "mk", "mac": "mk", "tha": "th", "tgl": "tl",
}  # fmt: skip


def language_key(code: str) -> str:
    """ "sv-SE", "SV" and "swe" all mean Swedish: compare languages by this key."""
    base = code.strip().lower().replace("_", "-").split("-")[0]
    return ALPHA3.get(base, base)


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def bounding_box(point: tuple[float, float], radius_km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) holding every point within ``radius_km``.

    The longitude span is the circle's widest (asin(sin r / cos lat), on the sphere the
    haversine uses). Near the poles, or across the antimeridian, the box widens to every
    longitude: a box too big only costs time, one too small would lose services.
    """
    lat, lon = point
    angular = radius_km / EARTH_RADIUS_KM
    dlat = math.degrees(angular)
    min_lat, max_lat = max(lat - dlat, -90.0), min(lat + dlat, 90.0)
    spread = math.sin(angular) / max(math.cos(math.radians(lat)), 1e-12)
    if angular >= math.pi / 2 or spread >= 1 or min_lat <= -90 or max_lat >= 90:
        return min_lat, max_lat, -180.0, 180.0
    dlon = math.degrees(math.asin(spread))
    if lon - dlon < -180 or lon + dlon > 180:
        return min_lat, max_lat, -180.0, 180.0
    return min_lat, max_lat, lon - dlon, lon + dlon


@dataclass(frozen=True)
class Query:
    need: str = ""
    point: tuple[float, float] | None = None
    radius_km: float = 50.0
    language: str = ""
    age: int | None = None
    open_now: bool = False
    emergency: bool = False
    gender: str = ""  # the child's: "female", "male" or "" (not asked)

    @property
    def soft_criteria(self) -> bool:
        """Criteria a service may miss and still be shown, with what it misses."""
        wanted = (self.language, self.age is not None, self.open_now, self.emergency, self.gender)
        return any(wanted)


@dataclass(frozen=True)
class Candidate:
    id: str
    service_id: str
    name: str
    organization: str
    location: str
    latitude: float | None = None
    longitude: float | None = None
    virtual: bool = False
    needs: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    minimum_age: int | None = None
    maximum_age: int | None = None
    emergency: bool = False
    always_open: bool = False
    open_now: bool | None = None
    gender: str = ""
    free_of_charge: bool | None = None
    trafficking_specialist: bool = False
    step_free: bool = False
    description: str = ""
    address: str = ""


@dataclass(frozen=True)
class Reason:
    """One criterion: ``code`` names it, ``value`` is what the sentence shows (km, a code...)."""

    code: str
    value: str | float | None = None


@dataclass(frozen=True)
class Result:
    candidate: Candidate
    distance_km: float | None
    fits: tuple[Reason, ...] = field(default=())
    misses: tuple[Reason, ...] = field(default=())

    @property
    def full_match(self) -> bool:
        return not self.misses


def age_span(low: int | None, high: int | None) -> str | None:
    """ "12-18", "12-" (12 and older), "-17" (up to 17); None when there is no limit."""
    if low is None and high is None:
        return None
    return f"{'' if low is None else low}-{'' if high is None else high}"


def _age(query: Query, c: Candidate) -> tuple[list[Reason], list[Reason]]:
    if query.age is None:
        return [], []
    low, high = c.minimum_age, c.maximum_age
    if (low is None or low <= query.age) and (high is None or query.age <= high):
        return [Reason("age", age_span(low, high))], []
    return [], [Reason("age", age_span(low, high))]


def _hours(query: Query, c: Candidate) -> tuple[list[Reason], list[Reason]]:
    if c.always_open:
        return [Reason("always_open")], []
    if c.open_now:
        return [Reason("open_now")], []
    if not query.open_now:
        return [], []
    return [], [Reason("closed_now" if c.open_now is False else "hours_unknown")]


def assess(query: Query, c: Candidate) -> Result:
    fits: list[Reason] = []
    misses: list[Reason] = []
    if query.need and query.need in c.needs:
        fits.append(Reason("need", query.need))
    distance = None
    if query.point is not None and c.latitude is not None and c.longitude is not None:
        distance = haversine_km(query.point, (c.latitude, c.longitude))
        fits.append(Reason("distance", round(distance, 1)))
    elif query.point is not None and c.virtual:
        fits.append(Reason("remote"))
    if query.language:
        wanted = language_key(query.language)
        if wanted in {language_key(code) for code in c.languages}:
            fits.append(Reason("language", query.language))
        else:
            misses.append(Reason("language", query.language))
    for part in (_age(query, c), _hours(query, c)):
        fits += part[0]
        misses += part[1]
    if c.emergency:
        fits.append(Reason("emergency"))
    elif query.emergency:
        misses.append(Reason("not_emergency"))
    if query.gender and c.gender and c.gender != query.gender:
        misses.append(Reason("gender", c.gender))
    if c.trafficking_specialist:
        fits.append(Reason("trafficking_specialist"))
    if c.free_of_charge:
        fits.append(Reason("free"))
    return Result(c, distance, tuple(fits), tuple(misses))


def within(query: Query, result: Result) -> bool:
    """Inside the radius (the bounding box is a square; the circle is exact)."""
    if query.point is None or result.distance_km is None:
        return query.point is None or result.candidate.virtual
    return result.distance_km <= query.radius_km


def rank(query: Query, candidates: Iterable[Candidate]) -> list[Result]:
    """Full fits first, then by how much is missing; nearest first, then by name."""
    results = [assess(query, c) for c in candidates]
    results = [r for r in results if within(query, r)]
    return sorted(
        results,
        key=lambda r: (len(r.misses), r.distance_km or 0.0, r.candidate.name, r.candidate.id),
    )

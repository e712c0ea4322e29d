"""Search ranking, pure: distances, the bounding box, reasons, and the order of results."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from childpath.directory.eligibility import derive, free_of_charge, gender
from childpath.directory.hours import Rule
from childpath.directory.ranking import (
    Candidate,
    Query,
    Reason,
    assess,
    bounding_box,
    haversine_km,
    language_key,
    rank,
)

STOCKHOLM = (59.3293, 18.0686)
UPPSALA = (59.8586, 17.6389)
latitudes = st.floats(min_value=-89.0, max_value=89.0)
longitudes = st.floats(min_value=-179.9, max_value=179.9)


def candidate(**values) -> Candidate:
    base = {"id": "1", "service_id": "s1", "name": "Shelter", "organization": "O", "location": "L"}
    return Candidate(**(base | values))


def test_stockholm_to_uppsala_is_about_64_km():
    assert haversine_km(STOCKHOLM, UPPSALA) == pytest.approx(64.0, abs=1.0)


@given(
    latitudes,
    longitudes,
    st.floats(min_value=0.0, max_value=1.0),
    st.floats(min_value=0.0, max_value=2 * math.pi),
    st.floats(min_value=1.0, max_value=500.0),
)
def test_the_bounding_box_holds_every_point_within_the_radius(lat, lon, fraction, bearing, radius):
    # A point at distance fraction * radius in some direction.
    distance = fraction * radius
    angular = distance / 6371.0088
    lat1, lon1 = math.radians(lat), math.radians(lon)
    lat2 = math.asin(
        math.sin(lat1) * math.cos(angular) + math.cos(lat1) * math.sin(angular) * math.cos(bearing)
    )
    lon2 = lon1 + math.atan2(
        math.sin(bearing) * math.sin(angular) * math.cos(lat1),
        math.cos(angular) - math.sin(lat1) * math.sin(lat2),
    )
    point = (math.degrees(lat2), (math.degrees(lon2) + 540) % 360 - 180)
    if haversine_km((lat, lon), point) > radius:
        return  # rounding at the edge
    min_lat, max_lat, min_lon, max_lon = bounding_box((lat, lon), radius)
    assert min_lat - 1e-9 <= point[0] <= max_lat + 1e-9
    assert min_lon - 1e-9 <= point[1] <= max_lon + 1e-9


@given(latitudes, longitudes, latitudes, longitudes)
def test_distance_is_symmetric_and_never_negative(a_lat, a_lon, b_lat, b_lon):
    a, b = (a_lat, a_lon), (b_lat, b_lon)
    assert haversine_km(a, b) == pytest.approx(haversine_km(b, a))
    assert 0 <= haversine_km(a, b) <= math.pi * 6371.0088 + 1e-6


@pytest.mark.parametrize(
    ("code", "key"), [("sv-SE", "sv"), ("SWE", "sv"), ("ara", "ar"), ("uk", "uk")]
)
def test_language_spellings_compare_equal(code, key):
    assert language_key(code) == key


def test_it_says_why_a_service_fits():
    query = Query(need="safe_accommodation", point=STOCKHOLM, language="ar", age=15, open_now=True)
    result = assess(
        query,
        candidate(
            latitude=UPPSALA[0],
            longitude=UPPSALA[1],
            needs=frozenset({"safe_accommodation"}),
            languages=frozenset({"ara"}),
            minimum_age=12,
            maximum_age=17,
            always_open=True,
        ),
    )
    codes = [r.code for r in result.fits]
    assert codes == ["need", "distance", "language", "age", "always_open"]
    assert result.fits[1].value == pytest.approx(64.0, abs=1.0)
    assert result.full_match


def test_it_says_what_does_not_fit():
    query = Query(language="ar", age=19, open_now=True, emergency=True, gender="male")
    result = assess(
        query, candidate(minimum_age=12, maximum_age=17, open_now=False, gender="female")
    )
    assert result.misses == (
        Reason("language", "ar"),
        Reason("age", "12-17"),
        Reason("closed_now"),
        Reason("not_emergency"),
        Reason("gender", "female"),
    )


def test_unknown_hours_miss_only_when_open_now_is_asked():
    assert assess(Query(), candidate(open_now=None)).misses == ()
    assert assess(Query(open_now=True), candidate(open_now=None)).misses == (
        Reason("hours_unknown"),
    )


def test_full_fits_come_first_then_nearest():
    query = Query(point=STOCKHOLM, radius_km=100, language="sv")
    near_miss = candidate(id="a", name="A", latitude=STOCKHOLM[0], longitude=STOCKHOLM[1])
    far_fit = candidate(
        id="b", name="B", latitude=UPPSALA[0], longitude=UPPSALA[1], languages=frozenset({"sv"})
    )
    near_fit = candidate(
        id="c", name="C", latitude=59.34, longitude=18.07, languages=frozenset({"sv"})
    )
    assert [r.candidate.id for r in rank(query, [near_miss, far_fit, near_fit])] == ["c", "b", "a"]


def test_the_radius_is_a_circle_and_remote_services_are_everywhere():
    query = Query(point=STOCKHOLM, radius_km=50)
    outside = candidate(id="far", latitude=UPPSALA[0], longitude=UPPSALA[1])
    remote = candidate(id="line", virtual=True)
    assert [r.candidate.id for r in rank(query, [outside, remote])] == ["line"]


def test_eligibility_from_terms_hours_and_costs():
    always = Rule(opens_at=None, closes_at=None)
    flags = derive(codes={"emergency", "boys_only"}, schedules=[always], amounts=[])
    assert (flags.emergency, flags.always_open, flags.gender, flags.free_of_charge) == (
        True,
        False,
        "male",
        None,
    )
    assert gender({"girls_only", "boys_only"}) == ""
    assert free_of_charge(set(), [None]) is None
    from decimal import Decimal

    assert free_of_charge(set(), [Decimal(0), Decimal(50)]) is True
    assert free_of_charge(set(), [Decimal(50)]) is False

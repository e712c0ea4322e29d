"""Directory search on the database: filters, reasons, distance, open now, query count."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from childpath.directory.cities import CITIES
from childpath.directory.models import Location, Organization, Service, ServiceAtLocation
from childpath.directory.ranking import Query, Reason
from childpath.directory.search import search
from childpath.directory.tests.builders import add_services, import_docs, service_doc

pytestmark = pytest.mark.django_db
NORRVIK = CITIES["norrvik"].point
STOCKHOLM = CITIES["stockholm"].point
MONDAY_NOON = datetime(2026, 3, 2, 12, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
MONDAY_NIGHT = datetime(2026, 3, 2, 23, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


def names(results) -> list[str]:
    return [r.candidate.name for r in results]


def test_it_finds_services_by_need_nearest_first():
    add_services(
        service_doc("Far shelter", point=(63.2, 17.6)),
        service_doc("Near shelter", point=(62.92, 17.21)),
        service_doc("Lawyer", needs=("legal_aid",)),
        service_doc("Closed shelter", status="defunct"),
    )
    result = search(Query(need="safe_accommodation", point=NORRVIK, radius_km=100))
    assert names(result.full) == ["Near shelter", "Far shelter"]
    near = result.full[0]
    assert near.distance_km == pytest.approx(0.92, abs=0.01)
    assert Reason("need", "safe_accommodation") in near.fits


def test_it_keeps_to_the_radius():
    add_services(service_doc("Norrvik shelter"), service_doc("Stockholm shelter", point=STOCKHOLM))
    assert names(search(Query(point=STOCKHOLM, radius_km=50)).full) == ["Stockholm shelter"]
    assert len(search(Query()).full) == 2


def test_remote_services_are_found_from_anywhere():
    add_services(service_doc("Helpline", needs=("helpline",), virtual=True))
    [line] = search(Query(need="helpline", point=STOCKHOLM, radius_km=10)).full
    assert Reason("remote") in line.fits


def test_language_filter_lists_others_as_partial_fits():
    add_services(
        service_doc("Arabic shelter", languages=("ar", "sv")),
        service_doc("Swedish shelter", languages=("sv",)),
        service_doc("Three-letter shelter", languages=("ara",)),
    )
    result = search(Query(language="ar", point=NORRVIK))
    assert names(result.full) == ["Arabic shelter", "Three-letter shelter"]
    assert names(result.partial) == ["Swedish shelter"]
    assert result.partial[0].misses == (Reason("language", "ar"),)


def test_age_filter():
    add_services(
        service_doc("Teen shelter", ages=(13, 17)),
        service_doc("Adult shelter", ages=(18, None)),
        service_doc("Any age shelter"),
    )
    result = search(Query(age=15))
    assert names(result.full) == ["Any age shelter", "Teen shelter"]
    assert Reason("age", "13-17") in result.full[1].fits
    assert result.partial[0].misses == (Reason("age", "18-"),)


def test_open_now_at_noon_and_at_night():
    add_services(
        service_doc("Office", hours=("MO,TU,WE,TH,FR", "09:00", "17:00")),
        service_doc("Night shelter", hours=("MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59")),
        service_doc("No hours"),
    )
    with time_machine.travel(MONDAY_NOON, tick=False):
        noon = search(Query(open_now=True))
    with time_machine.travel(MONDAY_NIGHT, tick=False):
        night = search(Query(open_now=True))
    assert names(noon.full) == ["Night shelter", "Office"]
    assert names(night.full) == ["Night shelter"]
    assert Reason("always_open") in night.full[0].fits
    assert {r.candidate.name: r.misses for r in night.partial} == {
        "Office": (Reason("closed_now"),),
        "No hours": (Reason("hours_unknown"),),
    }


def test_emergency_and_gender():
    add_services(
        service_doc("Emergency girls' home", flags=("emergency", "girls_only")),
        service_doc("Emergency home", flags=("emergency",)),
        service_doc("Day centre"),
    )
    assert names(search(Query(emergency=True)).full) == ["Emergency girls' home", "Emergency home"]
    assert names(search(Query(emergency=True, gender="male")).full) == ["Emergency home"]


def test_search_costs_the_same_number_of_queries(django_assert_num_queries):
    add_services(*(service_doc(f"Shelter {i}", languages=("sv", "en")) for i in range(3)))
    query = Query(need="safe_accommodation", point=NORRVIK, language="ar", open_now=True)
    with django_assert_num_queries(5):
        search(query)
    add_services(*(service_doc(f"More {i}", hours=("MO", "09:00", "10:00")) for i in range(20)))
    with django_assert_num_queries(5):
        search(query)


def test_a_reimport_that_moves_a_location_moves_the_search_with_it():
    doc = service_doc("Moving shelter")
    add_services(doc)
    assert names(search(Query(point=NORRVIK, radius_km=10)).full) == ["Moving shelter"]
    location = doc["service_at_locations"][0]["location"]
    import_docs(location | {"latitude": STOCKHOLM[0], "longitude": STOCKHOLM[1]}, kind="location")
    assert search(Query(point=NORRVIK, radius_km=10)).full == []
    assert names(search(Query(point=STOCKHOLM, radius_km=10)).full) == ["Moving shelter"]


def test_a_service_closed_by_reimport_is_no_longer_found():
    doc = service_doc("Closing shelter")
    add_services(doc)
    import_docs({"id": doc["id"], "name": "Closing shelter", "status": "inactive"}, kind="service")
    assert search(Query()).full == []


def test_services_at_locations_created_one_by_one_are_found_too():
    """Other apps and the admin create rows without the import service."""
    org = Organization.objects.create(name="Made by hand (fictional)", description="")
    service = Service.objects.create(organization=org, name="Hand-made shelter", minimum_age=12)
    place = Location.objects.create(name="Hand house", latitude=NORRVIK[0], longitude=NORRVIK[1])
    ServiceAtLocation.objects.create(service=service, location=place)
    [found] = search(Query(point=NORRVIK, radius_km=5, age=13)).full
    assert found.candidate.name == "Hand-made shelter"

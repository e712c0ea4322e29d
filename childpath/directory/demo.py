"""The demo directory: fictional services in Norrvik, Ekby (both invented) and real Swedish cities.

Every organisation, service, address, phone number and e-mail here is invented: phone numbers
are from the range Sweden's regulator (PTS) keeps for fiction (070-174 06 05 to 070-174 06 99),
e-mail domains end in .example (RFC 2606). The data goes in as HSDS v3 JSON through the import
service, with ids derived from fixed keys, so loading it again updates instead of duplicating.
"""

import uuid
from dataclasses import dataclass
from typing import Any

from babel import Locale

from childpath.accounts.models import Organisation, User
from childpath.cases.models import Case
from childpath.directory import services
from childpath.directory.cities import CITIES
from childpath.directory.hsds.parse import Reader
from childpath.directory.models import Organization, Service
from childpath.directory.taxonomy_data import term_id

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://childpath.example/demo/directory")
WEEKDAYS = "MO,TU,WE,TH,FR"
EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"
ALWAYS = (EVERY_DAY, "00:00", "23:59")


def demo_id(kind: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}/{key}"))


@dataclass(frozen=True)
class Org:
    key: str
    name: str
    description: str
    account: str = ""  # the demo organisation (childpath/demo/data.py) receiving referrals


@dataclass(frozen=True)
class Place:
    city: str
    street: str
    postal_code: str
    north: float = 0.0  # offset from the city centre, degrees
    east: float = 0.0


@dataclass(frozen=True)
class Offer:
    key: str
    org: str
    name: str
    description: str
    needs: tuple[str, ...]
    languages: tuple[str, ...]
    hours: tuple[str, str, str] | None
    places: tuple[Place, ...]
    phone: str
    flags: tuple[str, ...] = ()
    ages: tuple[int | None, int | None] = (None, None)
    fee: int | None = 0  # SEK per visit; 0 is free, None not stated
    text: str = ""  # a number that takes text messages (HSDS phone type "text")


ORGS = (
    Org(
        "lighthouse",
        "Lighthouse Shelter for Young People (fictional)",
        "A fictional shelter and support centre for young people who have been exploited.",
        "shelter",
    ),
    Org(
        "safe-harbour",
        "Safe Harbour Children's Rights NGO (fictional)",
        "A fictional non-profit giving children legal advice and help to find their families.",
        "ngo",
    ),
    Org(
        "norrvik-hospital",
        "Norrvik Children's Hospital (fictional)",
        "The fictional children's hospital of Norrvik.",
        "hospital",
    ),
    Org(
        "norrvik-barnahus",
        "Norrvik Barnahus (fictional)",
        "A fictional children's house where police, prosecutors, doctors and social workers meet "
        "the child in one place.",
        "barnahus",
    ),
    Org(
        "norrvik-guardians",
        "Norrvik Guardian Service (fictional)",
        "The fictional municipal service that appoints guardians for children without parents"
        " here.",
        "guardian",
    ),
    Org(
        "norrvik-social",
        "Norrvik Social Services (fictional)",
        "The fictional social services of Norrvik municipality.",
        "social",
    ),
    Org("ekby-education", "Ekby Education Office (fictional)", "Fictional schools of Ekby."),
    Org(
        "stockholm-refuge",
        "Stockholm Girls' Refuge (fictional)",
        "A fictional protected home for girls and young women.",
    ),
    Org(
        "west-coast-housing",
        "West Coast Youth Housing (fictional)",
        "Fictional supported housing for young people in Göteborg.",
    ),
    Org(
        "oresund-interpreters",
        "Öresund Interpreters (fictional)",
        "A fictional interpreting agency working in person and by phone or video.",
    ),
    Org(
        "childrens-helpline",
        "Children's Helpline Sweden (fictional)",
        "A fictional national helpline for children.",
    ),
    Org(
        "uppsala-trauma",
        "Uppsala Trauma Centre for Young People (fictional)",
        "A fictional clinic for trauma therapy.",
    ),
    Org(
        "malmo-legal",
        "Malmö Legal Aid Clinic for Children (fictional)",
        "Fictional lawyers for children.",
    ),
    Org(
        "goteborg-youth-health",
        "Göteborg Youth Health Centre (fictional)",
        "A fictional youth clinic.",
    ),
    Org(
        "uppsala-newcomers",
        "Uppsala Language School for Newcomers (fictional)",
        "A fictional school for young newcomers.",
    ),
    Org(
        "stockholm-barnahus",
        "Stockholm Barnahus (fictional)",
        "A fictional children's house in Stockholm.",
    ),
)

OFFERS = (
    Offer(
        "lighthouse-emergency",
        "lighthouse",
        "Lighthouse emergency shelter",
        "A safe bed the same night, for children and young people who have been trafficked or "
        "sexually exploited. Staff are awake all night.",
        ("safe_accommodation",),
        ("sv", "en", "ar", "uk"),
        ALWAYS,
        (Place("norrvik", "Fyrvägen 3", "871 10", 0.01, 0.02),),
        "+46 70 174 06 05",
        ("emergency", "trafficking_specialist"),
        (12, 17),
    ),
    Offer(
        "lighthouse-trauma",
        "lighthouse",
        "Lighthouse trauma support",
        "Talks with a psychologist, alone or in a group, and art therapy.",
        ("psychosocial_support",),
        ("sv", "en", "fa"),
        (WEEKDAYS, "09:00", "17:00"),
        (Place("norrvik", "Fyrvägen 5", "871 10", 0.011, 0.021),),
        "+46 70 174 06 06",
        ("trafficking_specialist",),
        (10, 20),
    ),
    Offer(
        "safe-harbour-legal",
        "safe-harbour",
        "Safe Harbour legal advice for children",
        "Free advice on residence, compensation and what happens in court.",
        ("legal_aid",),
        ("sv", "en", "ar", "so"),
        ("MO,WE", "10:00", "16:00"),
        (
            Place("norrvik", "Hamngatan 12", "871 30", -0.005, 0.0),
            Place("stockholm", "Fiktivgatan 4", "111 20", 0.01, -0.01),
        ),
        "+46 70 174 06 07",
        ("trafficking_specialist",),
    ),
    Offer(
        "safe-harbour-tracing",
        "safe-harbour",
        "Safe Harbour family tracing",
        "We look for a child's parents or relatives, in Sweden and abroad, when the child"
        " wants it.",
        ("family_tracing",),
        ("sv", "en", "ar", "ti", "fa"),
        ("TU,TH", "09:00", "15:00"),
        (Place("stockholm", "Fiktivgatan 4", "111 20", 0.01, -0.01),),
        "+46 70 174 06 08",
    ),
    Offer(
        "safe-harbour-return",
        "safe-harbour",
        "Safe Harbour return and reintegration support",
        "Planning a safe return home with the child, and contact with services in the home"
        " country.",
        ("return_support",),
        ("sv", "en", "bg", "ro", "sr"),
        (WEEKDAYS, "09:00", "16:00"),
        (Place("goteborg", "Påhittade vägen 8", "411 05", 0.0, 0.01),),
        "+46 70 174 06 09",
        ("trafficking_specialist",),
    ),
    Offer(
        "hospital-emergency",
        "norrvik-hospital",
        "Children's emergency ward",
        "Emergency care for children, day and night.",
        ("health",),
        ("sv", "en", "ar"),
        ALWAYS,
        (Place("norrvik", "Sjukhusvägen 1", "871 40", 0.02, -0.01),),
        "+46 70 174 06 10",
        ("emergency",),
        (0, 17),
    ),
    Offer(
        "hospital-youth-clinic",
        "norrvik-hospital",
        "Youth clinic for sexual and reproductive health",
        "Contraception, pregnancy tests, tests for infections, and someone to talk to.",
        ("sexual_reproductive_health", "health"),
        ("sv", "en", "es", "uk"),
        (WEEKDAYS, "12:00", "18:00"),
        (Place("norrvik", "Sjukhusvägen 3", "871 40", 0.021, -0.011),),
        "+46 70 174 06 11",
        (),
        (13, 25),
    ),
    Offer(
        "norrvik-barnahus-interview",
        "norrvik-barnahus",
        "Barnahus child interview",
        "A recorded interview in a child-friendly room, and a medical examination if needed.",
        ("barnahus_interview",),
        ("sv", "en"),
        (WEEKDAYS, "08:00", "16:00"),
        (Place("norrvik", "Lindallén 7", "871 31", -0.01, 0.015),),
        "+46 70 174 06 12",
        ("trafficking_specialist",),
        (0, 17),
    ),
    Offer(
        "norrvik-guardians",
        "norrvik-guardians",
        "Guardians for unaccompanied children",
        "A guardian (god man) who acts for a child whose parents are not in Sweden.",
        ("guardian",),
        ("sv", "en", "ar", "fa", "ps", "so"),
        (WEEKDAYS, "08:30", "16:30"),
        (Place("norrvik", "Rådhustorget 2", "871 20", 0.0, 0.0),),
        "+46 70 174 06 13",
        (),
        (0, 17),
    ),
    Offer(
        "norrvik-on-call",
        "norrvik-social",
        "Social services on-call",
        "Social workers on call at night and at weekends for children in danger.",
        ("helpline", "safe_accommodation"),
        ("sv", "en"),
        ALWAYS,
        (Place("norrvik", "Rådhustorget 2", "871 20", 0.0, 0.0),),
        "+46 70 174 06 14",
        ("emergency",),
        (0, 20),
    ),
    Offer(
        "ekby-reception-classes",
        "ekby-education",
        "Reception classes for newly arrived pupils",
        "Swedish lessons and school subjects in the pupil's own language while learning Swedish.",
        ("education",),
        ("sv", "ar", "uk", "es"),
        (WEEKDAYS, "08:00", "15:00"),
        (Place("ekby", "Skolvägen 9", "872 50", 0.004, 0.003),),
        "+46 70 174 06 15",
        (),
        (7, 18),
    ),
    Offer(
        "stockholm-girls-refuge",
        "stockholm-refuge",
        "Girls' refuge",
        "A protected home at a secret address for girls who have been exploited.",
        ("safe_accommodation", "psychosocial_support"),
        ("sv", "en", "ro", "bg", "es"),
        ALWAYS,
        (Place("stockholm", "Skyddat boende", "100 00", 0.03, 0.04),),
        "+46 70 174 06 16",
        ("emergency", "trafficking_specialist", "girls_only"),
        (13, 20),
    ),
    Offer(
        "west-coast-housing",
        "west-coast-housing",
        "Supported youth housing",
        "A flat of your own with staff nearby, for young people from 16.",
        ("safe_accommodation",),
        ("sv", "en", "ar", "so"),
        (WEEKDAYS, "09:00", "17:00"),
        (Place("goteborg", "Exempelgatan 21", "413 01", -0.01, 0.02),),
        "+46 70 174 06 17",
        (),
        (16, 21),
    ),
    Offer(
        "oresund-interpreting",
        "oresund-interpreters",
        "Phone and video interpreting",
        "Interpreters for conversations with a child, booked the same day.",
        ("interpretation",),
        ("sv", "en", "ar", "fa", "ps", "so", "ti", "uk", "ru", "bg", "ro", "sr", "es", "sq"),
        ("MO,TU,WE,TH,FR,SA", "07:00", "21:00"),
        (Place("malmo", "Tolkgatan 1", "211 20", 0.005, 0.005),),
        "+46 70 174 06 18",
        (),
        (None, None),
        None,
    ),
    Offer(
        "childrens-helpline",
        "childrens-helpline",
        "Children's helpline",
        "Call or chat, anonymously, whenever you need to talk to an adult.",
        ("helpline",),
        ("sv", "en", "ar", "uk"),
        ALWAYS,
        (),
        "+46 70 174 06 19",
        (),
        (0, 17),
        text="+46 70 174 06 20",
    ),
    Offer(
        "uppsala-trauma",
        "uppsala-trauma",
        "Trauma therapy for young people",
        "Trauma-focused therapy (TF-CBT and EMDR) with a psychologist.",
        ("psychosocial_support",),
        ("sv", "en", "uk", "ru"),
        ("MO,TU,WE,TH", "10:00", "19:00"),
        (Place("uppsala", "Läkevägen 14", "752 20", 0.006, -0.004),),
        "+46 70 174 06 20",
        (),
        (12, 25),
        250,
    ),
    Offer(
        "malmo-legal",
        "malmo-legal",
        "Lawyers for children",
        "A lawyer to represent the child in court and with the migration authority.",
        ("legal_aid",),
        ("sv", "en", "es", "ar"),
        (WEEKDAYS, "09:00", "17:00"),
        (Place("malmo", "Rättvisegatan 3", "211 30", -0.004, 0.006),),
        "+46 70 174 06 21",
        (),
        (0, 25),
    ),
    Offer(
        "goteborg-youth-health",
        "goteborg-youth-health",
        "Youth health centre",
        "Health care, sexual health and counselling for young people.",
        ("health", "sexual_reproductive_health"),
        ("sv", "en", "so"),
        ("MO,TU,WE,TH,FR", "13:00", "19:00"),
        (Place("goteborg", "Hälsogatan 2", "411 10", 0.008, -0.006),),
        "+46 70 174 06 22",
        (),
        (13, 25),
    ),
    Offer(
        "uppsala-newcomers",
        "uppsala-newcomers",
        "Language introduction for young newcomers",
        "Swedish and other subjects for young people aged 16 to 19 who are new in Sweden.",
        ("education",),
        ("sv", "ar", "fa", "uk"),
        (WEEKDAYS, "08:30", "15:30"),
        (Place("uppsala", "Nyvägen 6", "753 10", -0.006, 0.004),),
        "+46 70 174 06 23",
        (),
        (16, 19),
    ),
    Offer(
        "stockholm-barnahus",
        "stockholm-barnahus",
        "Barnahus Stockholm",
        "Child interviews and medical examinations for the Stockholm region.",
        ("barnahus_interview",),
        ("sv", "en", "es"),
        (WEEKDAYS, "08:00", "17:00"),
        (Place("stockholm", "Barnhusgatan 10", "112 23", -0.008, -0.02),),
        "+46 70 174 06 24",
        ("trafficking_specialist",),
        (0, 17),
    ),
)

# The referrals demo sends a child to the Lighthouse emergency shelter (shelter.nora receives).
LIGHTHOUSE_SHELTER = demo_id("service_at_location", "lighthouse-emergency/0")


def _language(code: str, owner: str) -> dict[str, Any]:
    return {
        "id": demo_id("language", f"{owner}/{code}"),
        "code": code,
        "name": str(Locale("en").languages.get(code, code)),
    }


def _location(offer: Offer, index: int, place: Place) -> dict[str, Any]:
    city = CITIES[place.city]
    key = f"{offer.key}/{index}"
    return {
        "id": demo_id("location", key),
        "location_type": "physical",
        "name": f"{offer.name}, {city.name}",
        "latitude": round(city.latitude + place.north, 5),
        "longitude": round(city.longitude + place.east, 5),
        "addresses": [
            {
                "id": demo_id("address", key),
                "address_1": place.street,
                "city": city.name,
                "state_province": city.county,
                "postal_code": place.postal_code,
                "country": "SE",
                "address_type": "physical",
            }
        ],
    }


def _virtual(offer: Offer) -> dict[str, Any]:
    return {
        "id": demo_id("location", f"{offer.key}/virtual"),
        "location_type": "virtual",
        "name": f"{offer.name} (phone and chat)",
        "url": f"https://{offer.org}.example/",
    }


def _attribute(offer: Offer, code: str) -> dict[str, Any]:
    return {
        "id": demo_id("attribute", f"{offer.key}/{code}"),
        "taxonomy_term_id": term_id(code),
        "link_type": "service_type" if code in offer.needs else "eligibility",
    }


def _service(offer: Offer) -> dict[str, Any]:
    locations = [_location(offer, i, p) for i, p in enumerate(offer.places)] or [_virtual(offer)]
    codes = [*offer.needs, *offer.flags] + (["free_of_charge"] if offer.fee == 0 else [])
    service: dict[str, Any] = {
        "id": demo_id("service", offer.key),
        "name": offer.name,
        "description": offer.description,
        "status": "active",
        "email": f"contact@{offer.org}.example",
        "phones": [{"id": demo_id("phone", offer.key), "number": offer.phone, "type": "voice"}]
        + (
            [{"id": demo_id("phone", f"{offer.key}/text"), "number": offer.text, "type": "text"}]
            if offer.text
            else []
        ),
        "languages": [_language(code, offer.key) for code in offer.languages],
        "attributes": [_attribute(offer, code) for code in codes],
        "service_at_locations": [
            {"id": demo_id("service_at_location", f"{offer.key}/{i}"), "location": location}
            for i, location in enumerate(locations)
        ],
    }
    if offer.ages[0] is not None:
        service["minimum_age"] = offer.ages[0]
    if offer.ages[1] is not None:
        service["maximum_age"] = offer.ages[1]
    if offer.hours:
        days, opens, closes = offer.hours
        service["schedules"] = [
            {
                "id": demo_id("schedule", offer.key),
                "freq": "WEEKLY",
                "byday": days,
                "opens_at": opens,
                "closes_at": closes,
            }
        ]
    if offer.fee is not None:
        service["cost_options"] = [
            {
                "id": demo_id("cost_option", offer.key),
                "option": "Per visit" if offer.fee else "Free for children",
                "currency": "SEK",
                "amount": offer.fee,
            }
        ]
    return service


# Services a child may contact on their own, without an adult or a referral: these appear on
# the public help pages for children. An interview at a Barnahus, a guardian, an interpreter or a
# school place come through a professional, so they stay off those pages.
CHILDREN_DIRECTLY = frozenset(
    {
        "lighthouse-emergency",
        "lighthouse-trauma",
        "safe-harbour-legal",
        "hospital-emergency",
        "hospital-youth-clinic",
        "norrvik-on-call",
        "stockholm-girls-refuge",
        "childrens-helpline",
        "uppsala-trauma",
        "malmo-legal",
        "goteborg-youth-health",
    }
)


def documents() -> list[dict[str, Any]]:
    """The demo directory as HSDS organization objects with their services nested."""
    return [
        {
            "id": demo_id("organization", org.key),
            "name": org.name,
            "description": org.description,
            "email": f"info@{org.key}.example",
            "website": f"https://{org.key}.example/",
            "services": [_service(o) for o in OFFERS if o.org == org.key],
        }
        for org in ORGS
    ]


def load(
    *, users: dict[str, User], organisations: dict[str, Organisation], cases: dict[str, Case]
) -> dict[str, int]:
    reader = Reader()
    reader.document(documents(), "childpath/directory/demo.py", "organization")
    # Importing the same data again changes nothing and records nothing (services.import_batch).
    services.ensure_taxonomies()
    report = services.import_batch(actor=None, batch=reader.batch, source="demo directory")
    if not report.ok:
        raise RuntimeError(f"The demo directory does not import: {report.rejected}")
    for org in ORGS:
        organization = Organization.objects.get(pk=demo_id("organization", org.key))
        wanted = organisations.get(org.account) if org.account else None
        if organization.organisation_id != (wanted.pk if wanted else None):
            services.link_organisation(actor=None, organization=organization, organisation=wanted)
    for accepts in (True, False):
        keys = [o.key for o in OFFERS if (o.key in CHILDREN_DIRECTLY) == accepts]
        chosen = Service.objects.filter(pk__in=[demo_id("service", key) for key in keys])
        services.set_accepts_children_directly(actor=None, services=chosen, accepts=accepts)
    return {"directory_services_at_locations": len(reader.batch.rows["service_at_location"])}

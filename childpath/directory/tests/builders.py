"""Small fictional HSDS documents for the tests, imported through the import service."""

import uuid
from typing import Any

from childpath.directory import services
from childpath.directory.hsds.parse import Reader
from childpath.directory.models import ServiceAtLocation
from childpath.directory.taxonomy_data import term_id

ORG_ID = "0b1c3f5e-0000-4000-8000-000000000001"
NORRVIK = (62.912, 17.205)


def new_id() -> str:
    return str(uuid.uuid4())


def service_doc(
    name: str,
    *,
    needs: tuple[str, ...] = ("safe_accommodation",),
    flags: tuple[str, ...] = (),
    point: tuple[float, float] | None = NORRVIK,
    languages: tuple[str, ...] = ("sv",),
    ages: tuple[int | None, int | None] = (None, None),
    hours: tuple[str, str, str] | None = None,
    virtual: bool = False,
    status: str = "active",
    cost: int | None = None,
) -> dict[str, Any]:
    location: dict[str, Any] = {
        "id": new_id(),
        "location_type": "physical",
        "name": f"{name} house",
    }
    if virtual:
        location = {"id": new_id(), "location_type": "virtual", "name": f"{name} line"}
    elif point is not None:
        location |= {"latitude": point[0], "longitude": point[1]}
    doc: dict[str, Any] = {
        "id": new_id(),
        "name": name,
        "status": status,
        "organization_id": ORG_ID,
        "languages": [{"id": new_id(), "code": code} for code in languages],
        "attributes": [
            {"id": new_id(), "taxonomy_term_id": term_id(code)} for code in (*needs, *flags)
        ],
        "service_at_locations": [{"id": new_id(), "location": location}],
    }
    if ages[0] is not None:
        doc["minimum_age"] = ages[0]
    if ages[1] is not None:
        doc["maximum_age"] = ages[1]
    if hours:
        doc["schedules"] = [
            {
                "id": new_id(),
                "freq": "WEEKLY",
                "byday": hours[0],
                "opens_at": hours[1],
                "closes_at": hours[2],
            }
        ]
    if cost is not None:
        doc["cost_options"] = [{"id": new_id(), "amount": cost, "currency": "SEK"}]
    return doc


def organization_doc(*service_docs: dict[str, Any], org_id: str = ORG_ID) -> dict[str, Any]:
    return {
        "id": org_id,
        "name": "Fictional Test Services",
        "description": "Invented for the tests.",
        "services": list(service_docs),
    }


def import_docs(*docs: dict[str, Any], kind: str = "organization") -> services.ImportReport:
    reader = Reader()
    reader.document(list(docs), "test", kind)
    report = services.import_batch(actor=None, batch=reader.batch, source="test")
    assert report.ok, report.rejected
    return report


def add_services(*service_docs: dict[str, Any]) -> list[ServiceAtLocation]:
    """Import services of one fictional organisation; their services at locations, in order."""
    import_docs(organization_doc(*service_docs))
    ids = [doc["service_at_locations"][0]["id"] for doc in service_docs]
    found = {str(s.pk): s for s in ServiceAtLocation.objects.filter(pk__in=ids)}
    return [found[i] for i in ids]

"""What each HSDS API answer nests (hsds-3.0/schema/compiled/*.json), and its JSON Schema.

A ``Shape`` names a table and the children it carries. The exporter walks a shape over model
instances (export.py); ``json_schema`` turns the same shape into the schema the OpenAPI
document publishes, so the API's description and its answers come from one definition.
Every object also carries its ``attributes`` (with their taxonomy term) and ``metadata``.
"""

from dataclasses import dataclass, field
from typing import Any

from childpath.directory.hsds.spec import BY_NAME, Field


@dataclass(frozen=True)
class Shape:
    table: str
    many: dict[str, "Shape"] = field(default_factory=dict)
    one: dict[str, "Shape"] = field(default_factory=dict)
    # Attributes and metadata ride along on every object but those inside an attribute.
    extras: bool = True

    def lookups(self, prefix: str = "") -> list[str]:
        """prefetch_related() paths for every child, all levels deep."""
        paths = []
        for key, child in (*self.many.items(), *self.one.items()):
            path = f"{prefix}{key}"
            paths.append(path)
            paths += child.lookups(f"{path}__")
        return paths


TAXONOMY = Shape("taxonomy", extras=False)
TERM = Shape("taxonomy_term", one={"taxonomy_detail": TAXONOMY}, extras=False)
ATTRIBUTE = Shape("attribute", one={"taxonomy_term": TERM}, extras=False)
METADATA = Shape("metadata", extras=False)

LANGUAGE = Shape("language")
PHONE = Shape("phone", many={"languages": LANGUAGE})
CONTACT = Shape("contact", many={"phones": PHONE})
SCHEDULE = Shape("schedule")
LOCATION_BASIC = Shape("location")
LOCATION = Shape(
    "location",
    many={
        "languages": LANGUAGE,
        "addresses": Shape("address"),
        "contacts": CONTACT,
        "accessibility": Shape("accessibility"),
        "phones": PHONE,
        "schedules": SCHEDULE,
    },
)
ORGANIZATION_BASIC = Shape("organization")
PROGRAM = Shape("program")
SERVICE_LIST = Shape("service", one={"organization": ORGANIZATION_BASIC, "program": PROGRAM})
SERVICE_AT_LOCATION = Shape(
    "service_at_location",
    many={"contacts": CONTACT, "phones": PHONE, "schedules": SCHEDULE},
    one={"location": LOCATION},
)
_SERVICE_CHILDREN = {
    "phones": PHONE,
    "schedules": SCHEDULE,
    "service_areas": Shape("service_area"),
    "service_at_locations": SERVICE_AT_LOCATION,
    "languages": LANGUAGE,
    "funding": Shape("funding"),
    "cost_options": Shape("cost_option"),
    "required_documents": Shape("required_document"),
    "contacts": CONTACT,
}
SERVICE = Shape(
    "service", many=_SERVICE_CHILDREN, one={"organization": ORGANIZATION_BASIC, "program": PROGRAM}
)
SERVICE_IN_ORGANIZATION = Shape("service", many=_SERVICE_CHILDREN, one={"program": PROGRAM})
SERVICE_BASIC = Shape("service")


def organization(full_service: bool) -> Shape:
    return Shape(
        "organization",
        many={
            "funding": Shape("funding"),
            "contacts": CONTACT,
            "phones": PHONE,
            "locations": LOCATION,
            "programs": PROGRAM,
            "organization_identifiers": Shape("organization_identifier"),
            "services": SERVICE_IN_ORGANIZATION if full_service else SERVICE_BASIC,
        },
    )


SERVICE_AT_LOCATION_FULL = Shape(
    "service_at_location",
    many=SERVICE_AT_LOCATION.many,
    one={"location": LOCATION, "service": SERVICE_LIST},
)
SERVICE_AT_LOCATION_LIST = Shape(
    "service_at_location", one={"location": LOCATION_BASIC, "service": SERVICE_LIST}
)


def _field_schema(spec: Field) -> dict[str, Any]:
    kinds: dict[str, dict[str, Any]] = {
        "uuid": {"type": "string", "format": "uuid"},
        "text": {"type": "string"},
        "int": {"type": "integer", "minimum": 0},
        "number": {"type": "number"},
        "decimal": {"type": "number"},
        "date": {"type": "string", "format": "date"},
        "time": {"type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2})?$"},
        "datetime": {"type": "string", "format": "date-time"},
    }
    schema = kinds[spec.kind]
    if spec.choices:
        schema = {"type": "string", "enum": list(spec.choices)}
    return schema


def json_schema(shape: Shape) -> dict[str, Any]:
    """The JSON Schema (OpenAPI 3.0 subset) of what the exporter writes for this shape."""
    table = BY_NAME[shape.table]
    properties = {spec.name: _field_schema(spec) for spec in table.fields}
    for key, child in shape.many.items():
        properties[key] = {"type": "array", "items": json_schema(child)}
    for key, child in shape.one.items():
        properties[key] = json_schema(child)
    if shape.extras:
        properties["attributes"] = {"type": "array", "items": json_schema(ATTRIBUTE)}
        properties["metadata"] = {"type": "array", "items": json_schema(METADATA)}
    return {"type": "object", "required": list(table.required), "properties": properties}


PAGE_FIELDS = {
    "total_items": {"type": "integer", "minimum": 0},
    "total_pages": {"type": "integer", "minimum": 0},
    "page_number": {"type": "integer", "minimum": 1},
    "size": {"type": "integer", "minimum": 0},
    "first_page": {"type": "boolean"},
    "last_page": {"type": "boolean"},
    "empty": {"type": "boolean"},
}


def page_schema(shape: Shape) -> dict[str, Any]:
    """HSDS's Page envelope (openapi.json components.schemas.Page) around ``contents``."""
    return {
        "type": "object",
        "required": [*PAGE_FIELDS, "contents"],
        "properties": {**PAGE_FIELDS, "contents": {"type": "array", "items": json_schema(shape)}},
    }

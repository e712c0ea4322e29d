"""The HSDS v3.0 tables as plain data: fields, types, references and how JSON nests them.

One description drives the importer (parse.py), the exporter (export.py) and the OpenAPI
schema of the HSDS API (schema.py), so the three cannot drift apart. Field lists and
required fields follow hsds-3.0/schema/*.json. No Django here.
"""

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["uuid", "text", "int", "number", "decimal", "date", "time", "datetime"]
LOCATION_TYPES = ("physical", "postal", "virtual")
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    # The table an id field points at; "hard" references must resolve (see models.py).
    ref: str = ""
    hard: bool = False
    # The model attribute, where it differs from the HSDS name.
    attname: str = ""

    @property
    def model_name(self) -> str:
        return self.attname or self.name


@dataclass(frozen=True)
class Nest:
    """A nested value in HSDS JSON: ``many`` children carry the parent's id in ``link``;
    ``one`` child gives its id to the parent's ``link`` field; ``attributes`` and ``metadata``
    point back through link_id/link_entity and resource_id/resource_type."""

    key: str
    table: str
    how: Literal["many", "one", "attribute", "metadata"]
    link: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    model: str
    csv: tuple[str, ...]
    fields: tuple[Field, ...]
    nests: tuple[Nest, ...] = field(default=())

    def get(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)


def _id() -> Field:
    return Field("id", "uuid", required=True)


def _ref(name: str, table: str, hard: bool = False) -> Field:
    return Field(name, "uuid", ref=table, hard=hard)


def _texts(*names: str) -> tuple[Field, ...]:
    return tuple(Field(n) for n in names)


def _many(link: str, *keys: tuple[str, str]) -> tuple[Nest, ...]:
    return tuple(Nest(key, child, "many", link) for key, child in keys)


ATTR_META = (
    Nest("attributes", "attribute", "attribute"),
    Nest("metadata", "metadata", "metadata"),
)

TABLES: tuple[Table, ...] = (
    Table(
        "taxonomy",
        "Taxonomy",
        ("taxonomies.csv",),
        (
            _id(),
            Field("name", required=True),
            Field("description", required=True),
            *_texts("uri", "version"),
        ),
        (Nest("metadata", "metadata", "metadata"),),
    ),
    Table(
        "taxonomy_term",
        "TaxonomyTerm",
        ("taxonomy_terms.csv",),
        (
            _id(),
            Field("code"),
            Field("name", required=True),
            Field("description", required=True),
            _ref("parent_id", "taxonomy_term"),
            Field("taxonomy"),
            Field("language"),
            Field("taxonomy_id", "uuid", ref="taxonomy", attname="taxonomy_detail_id"),
            Field("term_uri"),
        ),
        (
            Nest("taxonomy_detail", "taxonomy", "one", "taxonomy_id"),
            Nest("metadata", "metadata", "metadata"),
        ),
    ),
    Table(
        "organization",
        "Organization",
        ("organizations.csv",),
        (
            _id(),
            Field("name", required=True),
            Field("alternate_name"),
            Field("description", required=True),
            *_texts("email", "website", "tax_status", "tax_id"),
            Field("year_incorporated", "int"),
            *_texts("legal_status", "logo", "uri"),
            _ref("parent_organization_id", "organization"),
        ),
        _many(
            "organization_id",
            ("funding", "funding"),
            ("contacts", "contact"),
            ("phones", "phone"),
            ("locations", "location"),
            ("programs", "program"),
            ("organization_identifiers", "organization_identifier"),
            ("services", "service"),
        )
        + ATTR_META,
    ),
    Table(
        "organization_identifier",
        "OrganizationIdentifier",
        ("organization_identifiers.csv",),
        (
            _id(),
            _ref("organization_id", "organization"),
            Field("identifier_scheme"),
            Field("identifier_type", required=True),
            Field("identifier", required=True),
        ),
        ATTR_META,
    ),
    Table(
        "program",
        "Program",
        ("programs.csv",),
        (
            _id(),
            _ref("organization_id", "organization"),
            Field("name", required=True),
            Field("alternate_name"),
            Field("description", required=True),
        ),
        ATTR_META,
    ),
    Table(
        "service",
        "Service",
        ("services.csv",),
        (
            _id(),
            _ref("organization_id", "organization", hard=True),
            _ref("program_id", "program"),
            Field("name", required=True),
            *_texts("alternate_name", "description", "url", "email"),
            Field(
                "status",
                required=True,
                choices=("active", "inactive", "defunct", "temporarily closed"),
            ),
            *_texts(
                "interpretation_services",
                "application_process",
                "fees_description",
                "wait_time",
                "fees",
                "accreditations",
                "eligibility_description",
            ),
            Field("minimum_age", "int"),
            Field("maximum_age", "int"),
            Field("assured_date", "date"),
            Field("assurer_email"),
            Field("licenses"),
            Field("alert"),
            Field("last_modified", "datetime"),
        ),
        (
            *_many(
                "service_id",
                ("phones", "phone"),
                ("schedules", "schedule"),
                ("service_areas", "service_area"),
                ("service_at_locations", "service_at_location"),
                ("languages", "language"),
                ("funding", "funding"),
                ("cost_options", "cost_option"),
                ("required_documents", "required_document"),
                ("contacts", "contact"),
            ),
            Nest("organization", "organization", "one", "organization_id"),
            Nest("program", "program", "one", "program_id"),
            *ATTR_META,
        ),
    ),
    Table(
        "location",
        "Location",
        ("locations.csv",),
        (
            _id(),
            Field("location_type", required=True, choices=LOCATION_TYPES),
            Field("url"),
            _ref("organization_id", "organization"),
            *_texts("name", "alternate_name", "description", "transportation"),
            Field("latitude", "number"),
            Field("longitude", "number"),
            *_texts("external_identifier", "external_identifier_type"),
        ),
        _many(
            "location_id",
            ("languages", "language"),
            ("addresses", "address"),
            ("contacts", "contact"),
            ("accessibility", "accessibility"),
            ("phones", "phone"),
            ("schedules", "schedule"),
        )
        + ATTR_META,
    ),
    Table(
        "service_at_location",
        "ServiceAtLocation",
        ("service_at_location.csv", "service_at_locations.csv"),
        (
            _id(),
            _ref("service_id", "service", hard=True),
            _ref("location_id", "location", hard=True),
            Field("description"),
        ),
        (
            *_many(
                "service_at_location_id",
                ("contacts", "contact"),
                ("phones", "phone"),
                ("schedules", "schedule"),
            ),
            Nest("location", "location", "one", "location_id"),
            Nest("service", "service", "one", "service_id"),
            *ATTR_META,
        ),
    ),
    Table(
        "address",
        "Address",
        ("addresses.csv",),
        (
            _id(),
            _ref("location_id", "location"),
            Field("attention"),
            Field("address_1", required=True),
            Field("address_2"),
            Field("city", required=True),
            Field("region"),
            Field("state_province", required=True),
            Field("postal_code", required=True),
            Field("country", required=True),
            Field("address_type", required=True, choices=LOCATION_TYPES),
        ),
        ATTR_META,
    ),
    Table(
        "contact",
        "Contact",
        ("contacts.csv",),
        (
            _id(),
            _ref("organization_id", "organization"),
            _ref("service_id", "service"),
            _ref("service_at_location_id", "service_at_location"),
            _ref("location_id", "location"),
            *_texts("name", "title", "department", "email"),
        ),
        _many("contact_id", ("phones", "phone")) + ATTR_META,
    ),
    Table(
        "phone",
        "Phone",
        ("phones.csv",),
        (
            _id(),
            _ref("location_id", "location"),
            _ref("service_id", "service"),
            _ref("organization_id", "organization"),
            _ref("contact_id", "contact"),
            _ref("service_at_location_id", "service_at_location"),
            Field("number", required=True),
            Field("extension", "int"),
            Field("type"),
            Field("description"),
        ),
        _many("phone_id", ("languages", "language")) + ATTR_META,
    ),
    Table(
        "schedule",
        "Schedule",
        ("schedules.csv",),
        (
            _id(),
            _ref("service_id", "service"),
            _ref("location_id", "location"),
            _ref("service_at_location_id", "service_at_location"),
            Field("valid_from", "date"),
            Field("valid_to", "date"),
            Field("dtstart", "date"),
            Field("timezone", "number"),
            Field("until", "date"),
            Field("count", "int"),
            Field("wkst", choices=WEEKDAYS),
            Field("freq", choices=("WEEKLY", "MONTHLY")),
            Field("interval", "int"),
            *_texts("byday", "byweekno", "bymonthday", "byyearday", "description"),
            Field("opens_at", "time"),
            Field("closes_at", "time"),
            *_texts("schedule_link", "attending_type", "notes"),
        ),
        ATTR_META,
    ),
    Table(
        "service_area",
        "ServiceArea",
        ("service_areas.csv",),
        (
            _id(),
            _ref("service_id", "service"),
            *_texts("name", "description", "extent", "extent_type", "uri"),
        ),
        ATTR_META,
    ),
    Table(
        "language",
        "Language",
        ("languages.csv",),
        (
            _id(),
            _ref("service_id", "service"),
            _ref("location_id", "location"),
            _ref("phone_id", "phone"),
            *_texts("name", "code", "note"),
        ),
        ATTR_META,
    ),
    Table(
        "cost_option",
        "CostOption",
        ("cost_options.csv",),
        (
            _id(),
            _ref("service_id", "service"),
            Field("valid_from", "date"),
            Field("valid_to", "date"),
            Field("option"),
            Field("currency"),
            Field("amount", "decimal"),
            Field("amount_description"),
        ),
        ATTR_META,
    ),
    Table(
        "accessibility",
        "Accessibility",
        ("accessibility.csv",),
        (_id(), _ref("location_id", "location"), *_texts("description", "details", "url")),
        ATTR_META,
    ),
    Table(
        "funding",
        "Funding",
        ("funding.csv",),
        (
            _id(),
            _ref("organization_id", "organization"),
            _ref("service_id", "service"),
            *_texts("source"),
        ),
        ATTR_META,
    ),
    Table(
        "required_document",
        "RequiredDocument",
        ("required_documents.csv",),
        (_id(), _ref("service_id", "service"), *_texts("document", "uri")),
        ATTR_META,
    ),
    Table(
        "attribute",
        "Attribute",
        ("attributes.csv",),
        (
            _id(),
            Field("link_id", "uuid", required=True),
            _ref("taxonomy_term_id", "taxonomy_term"),
            *_texts("link_type", "link_entity", "value"),
        ),
        (
            Nest("taxonomy_term", "taxonomy_term", "one", "taxonomy_term_id"),
            Nest("metadata", "metadata", "metadata"),
        ),
    ),
    Table(
        "metadata",
        "Metadata",
        ("metadata.csv",),
        (
            _id(),
            Field("resource_id", "uuid"),
            Field("resource_type"),
            Field("last_action_date", "date", required=True),
            Field("last_action_type", required=True),
            Field("field_name", required=True),
            Field("previous_value", required=True),
            Field("replacement_value", required=True),
            Field("updated_by", required=True),
        ),
    ),
    Table(
        "meta_table_description",
        "MetaTableDescription",
        ("meta_table_descriptions.csv",),
        (_id(), *_texts("name", "language", "character_set")),
        ATTR_META,
    ),
)

BY_NAME = {table.name: table for table in TABLES}
BY_CSV = {csv: table for table in TABLES for csv in table.csv}
# The tables a file or a list of the HSDS API holds at its top level.
TOP_LEVEL = ("organization", "service", "service_at_location", "location", "taxonomy")

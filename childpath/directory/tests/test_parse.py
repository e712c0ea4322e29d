"""The pure HSDS reader: values, nesting, merging and the problems it reports."""

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from childpath.directory.hsds.parse import (
    BadValue,
    Reader,
    coerce,
    guess_table,
    table_from_filename,
)
from childpath.directory.hsds.spec import BY_NAME, TABLES, Field

ORG = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
SERVICE = "ac148810-d857-441c-9679-408f346de14b"
PHONE = "1554f2e2-a373-45db-a3fa-9fc48a61c15e"


@pytest.mark.parametrize(
    ("kind", "raw", "value"),
    [
        ("uuid", "AC148810-D857-441C-9679-408F346DE14B", SERVICE),
        ("int", "12", 12),
        ("int", 12.0, 12),
        ("number", "100", 100.0),
        ("decimal", 35, Decimal("35.00")),
        ("date", "2005-01-01", date(2005, 1, 1)),
        ("time", "10:00", time(10)),
        ("time", "18:00:00", time(18)),
        ("datetime", "2023-03-15T10:30:45.123Z", datetime(2023, 3, 15, 10, 30, 45, 123000, UTC)),
        ("text", 2011, "2011"),
        ("text", "", ""),
        ("int", "", None),
    ],
)
def test_it_reads_json_and_csv_values(kind, raw, value):
    assert coerce(Field("x", kind), raw) == value


@pytest.mark.parametrize(
    ("kind", "raw", "code"),
    [
        ("uuid", "123", "not_uuid"),
        ("int", "12.5", "not_int"),
        ("int", -1, "out_of_range"),
        ("int", True, "not_int"),
        ("number", "NaN", "not_number"),
        ("date", "01/02/2005", "not_date"),
        ("time", "9am", "not_time"),
        ("text", {"a": 1}, "not_text"),
        ("decimal", "1.005", "out_of_range"),
    ],
)
def test_it_refuses_values_of_the_wrong_kind(kind, raw, code):
    with pytest.raises(BadValue) as raised:
        coerce(Field("x", kind), raw)
    assert raised.value.code == code


def _field(table: str, name: str) -> Field:
    spec = BY_NAME[table].get(name)
    assert spec is not None
    return spec


def test_it_normalises_choices_and_rule_lists():
    assert coerce(_field("service", "status"), "Active") == "active"
    assert coerce(_field("schedule", "byday"), "mo, 1tu,-1FR") == "MO,1TU,-1FR"
    with pytest.raises(BadValue):
        coerce(_field("schedule", "byday"), "Monday")


@given(st.integers(min_value=0, max_value=2_000_000_000))
def test_whole_numbers_survive_as_text_and_as_json(number):
    spec = Field("x", "int")
    assert coerce(spec, number) == coerce(spec, str(number)) == number


@given(st.uuids())
def test_any_uuid_is_read_in_its_canonical_form(value):
    assert coerce(Field("id", "uuid"), str(value).upper()) == str(value)


def test_it_flattens_nesting_and_links_children_to_parents():
    reader = Reader()
    reader.document(
        {
            "id": ORG,
            "name": "Org",
            "description": "",
            "services": [
                {
                    "id": SERVICE,
                    "name": "S",
                    "status": "active",
                    "phones": [{"id": PHONE, "number": "1"}],
                    "attributes": [{"id": "ae58cc39-8b70-4ab1-8aea-786882e5ac8e"}],
                }
            ],
        },
        "org.json",
        "organization",
    )
    rows = reader.batch.rows
    assert rows["service"][SERVICE]["organization_id"] == ORG
    assert rows["phone"][PHONE]["service_id"] == SERVICE
    attribute = rows["attribute"]["ae58cc39-8b70-4ab1-8aea-786882e5ac8e"]
    assert (attribute["link_id"], attribute["link_entity"]) == (SERVICE, "service")
    assert reader.batch.rejected == []


def test_it_merges_one_record_listed_under_two_parents():
    reader = Reader()
    phone = {"id": PHONE, "number": "1"}
    reader.document(
        {
            "id": SERVICE,
            "name": "S",
            "status": "active",
            "phones": [phone],
            "contacts": [{"id": "1e7efce3-639b-4880-940c-b95cd30cdb50", "phones": [phone]}],
        },
        "s.json",
        "service",
    )
    row = reader.batch.rows["phone"][PHONE]
    assert row["service_id"] == SERVICE
    assert row["contact_id"] == "1e7efce3-639b-4880-940c-b95cd30cdb50"


def test_a_bare_reference_is_a_link_not_a_record():
    reader = Reader()
    reader.document(
        {
            "id": SERVICE,
            "location": {"id": "3a19ff88-4620-4d17-9830-ac1d859eb5d5"},
            "service": {"id": ORG},
        },
        "sal.json",
        "service_at_location",
    )
    assert set(reader.batch.rows) == {"service_at_location"}
    assert reader.batch.rows["service_at_location"][SERVICE]["service_id"] == ORG


def test_it_says_where_each_problem_is():
    reader = Reader()
    reader.document({"contents": [{"id": SERVICE, "name": "S"}]}, "services.json", "service")
    [problem] = reader.batch.rejected
    assert (problem.where, problem.record_id, problem.field, problem.code) == (
        "services.json: contents[0]",
        SERVICE,
        "status",
        "missing",
    )


def test_it_ignores_the_api_root_document():
    reader = Reader()
    reader.document(
        {"version": "3.0", "openapi_url": "https://example.org/openapi.json"}, "base.json"
    )
    assert reader.batch.count() == 0 and not reader.batch.rejected


@pytest.mark.parametrize(
    ("keys", "table"),
    [
        ({"id", "name", "status"}, "service"),
        ({"id", "location_type"}, "location"),
        ({"id", "service", "location"}, "service_at_location"),
        ({"id", "code", "name", "description"}, "taxonomy_term"),
        ({"id", "name", "description", "version"}, "taxonomy"),
        ({"id", "name", "description", "website"}, "organization"),
        ({"id"}, None),
    ],
)
def test_it_tells_objects_apart_by_their_keys(keys, table):
    assert guess_table(dict.fromkeys(keys, "x")) == table


def test_file_names_hint_at_the_object():
    assert table_from_filename("service_at_location_list.json") == "service_at_location"
    assert table_from_filename("taxonomy_term.json") == "taxonomy_term"
    assert table_from_filename("base.json") is None


def test_every_table_has_an_id_and_a_csv_file():
    for table in TABLES:
        assert table.fields[0].name == "id" and table.csv

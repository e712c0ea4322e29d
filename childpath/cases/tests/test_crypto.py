"""Identifying data are encrypted at rest; exact search goes through a keyed blind index
(DESIGN.md section 7)."""

from datetime import date

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from childpath.cases import services
from childpath.cases.models import Encounter, Identity
from childpath.cases.search import token
from childpath.lib import crypto
from conftest import child_data, encounter_data

NAME = ("Mirela", "Exemplova")
ALIAS = "Little Mouse"
BORN = date(2011, 7, 23)
OBSERVED = "Seen near the Quayside depot at night."
CLEAR_VALUES = ["Mirela", "Exemplova", "Little Mouse", "2011-07-23", "Quayside"]


@pytest.fixture
def secret_case(frontline, orgs):
    return services.register_child(
        actor=frontline,
        child=child_data(
            given_names=NAME[0],
            family_name=NAME[1],
            aliases=[ALIAS],
            date_of_birth=BORN,
            documents="Fictional passport Quayside-123",
            contacts="Fictional phone via Quayside youth club",
        ),
        encounter=encounter_data(place="Quayside depot", observations=OBSERVED),
        lead_organisation=orgs["social"],
    )


@pytest.fixture
def keys(settings):
    """Field keys the test may change; the Fernet cache is cleared either side."""
    crypto._fernet.cache_clear()
    yield settings
    crypto._fernet.cache_clear()


def _rows(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        return repr(cursor.fetchall())


def _use_keys(settings, *keys: str) -> None:
    settings.FIELD_ENCRYPTION_KEYS = list(keys)
    crypto._fernet.cache_clear()


def _new_key() -> str:
    return Fernet.generate_key().decode()


# Encryption at rest


@pytest.mark.parametrize("value", CLEAR_VALUES)
def test_it_stores_no_clear_value_in_the_identity_table(secret_case, value):
    assert value not in _rows(Identity._meta.db_table)


def test_it_stores_no_clear_place_or_observation_in_the_encounter_table(secret_case):
    assert "Quayside" not in _rows(Encounter._meta.db_table)


def test_it_stores_no_clear_value_in_any_table(secret_case, caseworker):
    services.record_read(actor=caseworker, case=secret_case)
    everything = "".join(_rows(table) for table in connection.introspection.table_names())
    for value in CLEAR_VALUES:
        assert value not in everything


def test_it_reads_back_what_it_encrypted(secret_case):
    identity = Identity.objects.get(case=secret_case)
    assert (identity.full_name, identity.aliases, identity.birth_date) == (
        "Mirela Exemplova",
        [ALIAS],
        BORN,
    )
    assert Encounter.objects.get(case=secret_case).observations == OBSERVED


def test_it_stores_an_empty_value_as_empty(frontline):
    case = services.register_child(
        actor=frontline,
        child=child_data(given_names="", family_name="", date_of_birth=None),
        encounter=encounter_data(),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT given_names, date_of_birth FROM {Identity._meta.db_table} WHERE case_id = %s",
            [case.pk],
        )
        assert cursor.fetchone() == ("", "")


def test_it_encrypts_the_same_value_differently_each_time():
    assert crypto.encrypt("Mirela") != crypto.encrypt("Mirela")


# Key rotation


def test_it_reads_old_data_after_a_new_key_is_prepended(keys, make_case):
    old = keys.FIELD_ENCRYPTION_KEYS[0]
    case = make_case(given_names="Mirela")
    _use_keys(keys, _new_key(), old)
    assert Identity.objects.get(case=case).given_names == "Mirela"


def test_it_writes_with_the_newest_key(keys, make_case):
    old, new = keys.FIELD_ENCRYPTION_KEYS[0], _new_key()
    _use_keys(keys, new, old)
    case = make_case(given_names="Mirela")
    _use_keys(keys, new)
    assert Identity.objects.get(case=case).given_names == "Mirela"


def test_it_refuses_to_read_data_whose_key_was_removed(keys, make_case):
    case = make_case(given_names="Mirela")
    _use_keys(keys, _new_key())
    with pytest.raises(ImproperlyConfigured):
        Identity.objects.get(case=case)


def test_it_rotates_a_value_to_the_newest_key(keys):
    old, new = keys.FIELD_ENCRYPTION_KEYS[0], _new_key()
    written = crypto.encrypt("Mirela")
    _use_keys(keys, new, old)
    rotated = crypto.rotate(written)
    _use_keys(keys, new)
    assert crypto.decrypt(rotated) == "Mirela"


def test_it_refuses_a_key_that_is_not_a_fernet_key(keys):
    _use_keys(keys, "not-a-key")
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt("Mirela")


# The blind index


@pytest.mark.parametrize(
    "spelling",
    ["Ána María Petrova", "ana maria petrova", "PETROVA ANA MARIA", "Petrova  Ána-María"],
)
def test_it_matches_a_name_regardless_of_case_accents_spaces_and_order(spelling):
    assert token(spelling, BORN) == token("Ana Maria Petrova", BORN)


def test_it_tells_dates_of_birth_apart():
    assert token("Ana Petrova", BORN) != token("Ana Petrova", date(2011, 7, 24))


def test_it_tells_a_name_alone_from_a_name_with_a_date():
    assert token("Ana Petrova", None) != token("Ana Petrova", BORN)


def test_it_keeps_cyrillic_apart_from_latin():
    assert token("Анна Петрова", BORN) != token("Anna Petrova", BORN)


def test_it_keys_the_index_with_the_secret(settings):
    before = token("Ana Petrova", BORN)
    settings.BLIND_INDEX_KEY = "another-fictional-index-key"
    assert token("Ana Petrova", BORN) != before


def test_it_finds_a_case_on_the_page_spelled_differently(make_case, caseworker, login):
    case = make_case(given_names="Ána María", family_name="Petrova", date_of_birth=BORN)
    response = login(caseworker).post(
        "/cases/", {"name": "petrova ana maria", "date_of_birth": BORN.isoformat()}
    )
    assert case.reference.encode() in response.content
    assert b"1 case found" in response.content


def test_it_finds_a_case_by_an_alias(make_case, caseworker, login):
    case = make_case(aliases=["Little Mouse"])
    response = login(caseworker).post("/cases/", {"name": "little mouse"})
    assert case.reference.encode() in response.content


def test_it_searches_only_the_cases_the_searcher_may_see(make_case, outsider, caseworker, login):
    ours = make_case(given_names="Ana", family_name="Petrova", date_of_birth=BORN)
    theirs = services.register_child(
        actor=outsider,
        child=child_data(given_names="Ana", family_name="Petrova", date_of_birth=BORN),
        encounter=encounter_data(),
    )
    query = {"name": "Ana Petrova", "date_of_birth": BORN.isoformat()}
    ours_page = login(caseworker).post("/cases/", query).content
    theirs_page = login(outsider).post("/cases/", query).content
    assert ours.reference.encode() in ours_page
    assert theirs.reference.encode() not in ours_page
    assert theirs.reference.encode() in theirs_page
    assert ours.reference.encode() not in theirs_page
